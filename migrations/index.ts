// Every migration, in order. A medium test checks that each file in this folder is listed here.
import { onBothEngines } from './dialect';
import { Foundation1795000000000 } from './1795000000000-Foundation';
import { TerminalOperators1795000100000 } from './1795000100000-TerminalOperators';
import { PrescriptionsAndDispensations1795000150000 } from './1795000150000-PrescriptionsAndDispensations';
import { MedicinesReferential1795000400000 } from './1795000400000-MedicinesReferential';
import { DispensationPacks1795000500000 } from './1795000500000-DispensationPacks';
import { AuditTrail1795000600000 } from './1795000600000-AuditTrail';
import { Outbox1795000700000 } from './1795000700000-Outbox';
import { DispensationActs1795000800000 } from './1795000800000-DispensationActs';
import { InterventionFavourites1795000850000 } from './1795000850000-InterventionFavourites';
import { Invoices1795001000000 } from './1795001000000-Invoices';
import { InvoiceRejections1796000000000 } from './1796000000000-InvoiceRejections';
import { StaffAndSessions1797150000000 } from './1797150000000-StaffAndSessions';
import { CounterRules1797160000000 } from './1797160000000-CounterRules';
import { Webhooks1797500000000 } from './1797500000000-Webhooks';
import { PrescriptionLifecycle1798000000000 } from './1798000000000-PrescriptionLifecycle';
import { SeveralInstances1798100000000 } from './1798100000000-SeveralInstances';
import { ManyPharmacies1798300000000 } from './1798300000000-ManyPharmacies';

/** Written for SQLite before PostgreSQL was supported: translated on PostgreSQL (dialect.ts). */
const SQLITE_ERA = [
  Foundation1795000000000,
  TerminalOperators1795000100000,
  PrescriptionsAndDispensations1795000150000,
  MedicinesReferential1795000400000,
  DispensationPacks1795000500000,
  AuditTrail1795000600000,
  Outbox1795000700000,
  DispensationActs1795000800000,
  InterventionFavourites1795000850000,
  Invoices1795001000000,
  InvoiceRejections1796000000000,
  StaffAndSessions1797150000000,
  CounterRules1797160000000,
  Webhooks1797500000000,
  PrescriptionLifecycle1798000000000,
].map(onBothEngines);

/** Written for both engines. */
export const MIGRATIONS = [...SQLITE_ERA, SeveralInstances1798100000000, ManyPharmacies1798300000000];
