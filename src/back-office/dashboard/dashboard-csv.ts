import { instant } from '../reconstitution/reconstitution.labels';
import type { DashboardStatus } from './dashboard-status';
import type { DashboardItem } from './dto/dashboard.dto';

/** The status as the back office reads it (the page's labels, singular). */
const STATUS_LABEL: Record<DashboardStatus, string> = {
  retrieved: 'Récupérée',
  'in-dispensation': 'En délivrance',
  validated: 'Validée',
  acknowledged: 'Acquittée',
  invoiced: 'Facturée',
  rejected: 'Rejetée',
  parked: 'En attente (erreur)',
};

const HEADER = [
  'N° ordonnance',
  'Statut',
  'Code statut',
  'Mise à jour',
  'Poste',
  'Renouvellement',
  'Délivrances ailleurs',
  'Délivrance',
  'Rejet',
];

/** RFC 4180 quoting; a leading =, +, - or @ is quoted with an apostrophe so a spreadsheet shows it as text. */
function field(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The dashboard's list as a CSV file for a French spreadsheet: UTF-8 with a BOM, `;`, CRLF, one row per
 * prescription in the order of `items` (docs/back-office.md § Dashboard).
 */
export function dashboardCsv(items: DashboardItem[], timeZone: string): string {
  const rows = items.map((i) =>
    [
      i.prescriptionId,
      STATUS_LABEL[i.status],
      i.status,
      instant(i.updatedAt, timeZone),
      i.terminalId,
      i.renewalNumber,
      i.executionsElsewhere,
      i.dispensationId,
      i.rejectionId,
    ]
      .map(field)
      .join(';'),
  );
  return `\uFEFF${[HEADER.join(';'), ...rows].join('\r\n')}\r\n`;
}
