/**
 * `npm run create-staff -w @lumira/api-backend -- --role admin --email a@b.fr --name "Ana"`
 * Creates an admin or an expert account in the configured database (DATABASE_URL, or the embedded
 * PostgreSQL under data/). The password is read from LUMIRA_STAFF_PASSWORD, never from the command line
 * (it would stay in the shell history and the process list).
 */
import { parseArgs } from 'node:util';
import { AppError, isTierId, type TierId } from '@lumira/shared';
import { getConfig } from '../config';
import { openDatabase } from '../data/db';
import { createStaffAccount } from '../domain/auth/create-staff-account';
import { createLogger } from '../observability/logger';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    tiers: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`create-staff: ${message}`);
  process.exit(2);
}

const role = values.role;
if (role !== 'admin' && role !== 'expert') fail('--role must be admin or expert');
if (!values.email || !values.name) fail('--email and --name are required');
const password = process.env.LUMIRA_STAFF_PASSWORD;
if (!password) fail('set LUMIRA_STAFF_PASSWORD to the new account password (at least 8 characters)');
const tiers = values.tiers?.split(',').map((t) => t.trim());
if (tiers && !tiers.every(isTierId)) fail('--tiers is a comma-separated list of basic, premium, vip');

const config = getConfig();
const logger = createLogger({ level: 'warn', logDir: null });
const database = await openDatabase({ config, logger });
try {
  const user = await createStaffAccount(database.db, {
    role,
    email: values.email,
    name: values.name,
    password,
    ...(role === 'expert' && tiers ? { tiers: tiers as TierId[] } : {}),
  });
  console.log(
    `created ${user.role} ${user.email} (user ${user.id}${user.expertId ? `, expert ${user.expertId}` : ''})`,
  );
} catch (error) {
  if (error instanceof AppError) fail(`${error.code}: ${error.message}`);
  throw error;
} finally {
  await database.close();
}
