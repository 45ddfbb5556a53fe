import { Test } from '@nestjs/testing';
import { ClsModule, ClsService, CLS_ID } from 'nestjs-cls';
import { logUnderSession } from './log-context';
import { LogFormat, ServiceLogger } from './service.logger';

describe('ServiceLogger', () => {
  let cls: ClsService;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ClsModule.forRoot({ global: true })] }).compile();
    cls = moduleRef.get(ClsService);
  });

  function captured(format: LogFormat, write: (logger: ServiceLogger) => void): string[] {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    });
    try {
      write(new ServiceLogger(format, { logLevels: ['error', 'warn', 'log'] }));
    } finally {
      spy.mockRestore();
    }
    return lines;
  }

  function inRequest(work: () => void): void {
    cls.run(() => {
      cls.set(CLS_ID, 'req-42');
      logUnderSession('6f1c1b6e-0000-4000-8000-000000000001');
      work();
    });
  }

  it('writes one JSON object per line with the request and session ids while serving a request', () => {
    const lines = captured('json', (logger) => {
      logger.log('outside', 'Test');
      inRequest(() => logger.warn('inside', 'Test'));
    });
    const [outside, inside] = lines.map((line) => JSON.parse(line));
    expect(outside).toMatchObject({ level: 'log', message: 'outside', context: 'Test' });
    expect(outside.requestId).toBeUndefined();
    expect(inside).toMatchObject({ level: 'warn', message: 'inside', requestId: 'req-42', sessionId: '6f1c1b6e-0000-4000-8000-000000000001' });
  });

  it('tags text lines the same way', () => {
    const lines = captured('text', (logger) => inRequest(() => logger.log('inside', 'Test')));
    expect(lines[0]).toContain('[Test req=req-42 session=6f1c1b6e-0000-4000-8000-000000000001]');
  });

  it("puts Nest's route-by-route start-up lines at debug level", () => {
    const lines = captured('json', (logger) => {
      logger.log('Mapped {/v1/sessions, GET} route', 'RouterExplorer');
      logger.log('listening', 'Continuum');
    });
    expect(lines.map((line) => JSON.parse(line).message)).toEqual(['listening']);
  });
});
