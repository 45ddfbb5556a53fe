import { dropDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const template = process.env.CONTINUUM_TEST_TEMPLATE;
  if (serverUrl && template) await dropDatabase(serverUrl, template);
}
