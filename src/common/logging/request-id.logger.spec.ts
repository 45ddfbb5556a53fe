import { ClsModule, ClsService, CLS_ID } from 'nestjs-cls';
import { Test } from '@nestjs/testing';
import { RequestIdLogger } from './request-id.logger';

describe('RequestIdLogger', () => {
  it('puts the current request id on each line, and nothing outside a request', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ClsModule.forRoot({ global: true })] }).compile();
    const cls = moduleRef.get(ClsService);
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const logger = new RequestIdLogger({ colors: false });
      logger.log('outside', 'Test');
      cls.run(() => {
        cls.set(CLS_ID, 'req-42');
        logger.log('inside', 'Test');
      });
    } finally {
      spy.mockRestore();
    }
    expect(lines.find((line) => line.includes('outside'))).not.toContain('req=');
    expect(lines.find((line) => line.includes('inside'))).toContain('[Test req=req-42]');
  });
});
