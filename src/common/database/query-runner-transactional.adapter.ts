import { TransactionalAdapter } from '@nestjs-cls/transactional';
import { DataSource, EntityManager } from 'typeorm';
import { RequestQueryRunner } from './request-query-runner';

/**
 * `@nestjs-cls/transactional` on TypeORM: every transaction (a request's, or one of the
 * short ones a chat turn or a job opens) is one `RequestQueryRunner`, and `txHost.tx` is its
 * EntityManager. Outside a transaction `txHost.tx` is the DataSource's own manager, so the
 * same repository code serves requests, jobs and tests.
 */
export class QueryRunnerTransactionalAdapter implements TransactionalAdapter<DataSource, EntityManager, Record<string, never>> {
  readonly connectionToken = DataSource;

  optionsFactory = (dataSource: DataSource) => ({
    wrapWithTransaction: async (_options: unknown, work: () => Promise<unknown>, setTx: (tx?: EntityManager) => void) => {
      const runner = RequestQueryRunner.open(dataSource);
      setTx(runner.manager);
      let result: unknown;
      try {
        result = await work();
      } catch (error) {
        await runner.rollbackAndRelease(error);
        throw error;
      }
      await runner.commitAndRelease();
      return result;
    },
    getFallbackInstance: (): EntityManager => dataSource.manager,
  });
}
