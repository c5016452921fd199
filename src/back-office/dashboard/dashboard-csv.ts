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

/** « 23/11/2026 10:05 » in the pharmacy's time zone. */
function frenchInstant(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('fr-FR', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
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
      frenchInstant(i.updatedAt, timeZone),
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
