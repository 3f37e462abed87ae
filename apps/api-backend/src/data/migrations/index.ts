/**
 * The ordered list of migrations. Append new ones (`0002-...`) at the end; never edit an applied one.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-payments';
import * as m0010 from './0010-payment-anomalies';
import * as m0011 from './0011-fair-reconciliation';
import * as m0020 from './0020-scale-counters';
import * as m0021 from './0021-earnings-rollups';
import * as m0030 from './0030-consultation-room';
import * as m0040 from './0040-mail-outbox';
import * as m0041 from './0041-invoices';
import * as m0042 from './0042-account-emails';
import * as m0043 from './0043-mail-outbox-lease';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': m0001,
  '0002-payments': m0002,
  '0010-payment-anomalies': m0010,
  '0011-fair-reconciliation': m0011,
  '0020-scale-counters': m0020,
  '0021-earnings-rollups': m0021,
  '0030-consultation-room': m0030,
  '0040-mail-outbox': m0040,
  '0041-invoices': m0041,
  '0042-account-emails': m0042,
  '0043-mail-outbox-lease': m0043,
};
