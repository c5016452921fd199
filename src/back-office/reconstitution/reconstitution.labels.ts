import { sfpcLookup, SfpcKind } from '../../dispensation/acts/sfpc-codes';
import type { OutboxStatus } from '../../core/outbox/outbox-execution.entity';
import type {
  AgreementChannel,
  ConditionalTest,
  LineKind,
  NonDeliveryReason,
  RenewalKind,
} from '../../prescription/teleservice/teleservice.types';
import type { Row } from './reconstitution.model';

/** French wording of the document, kept apart from the layout decisions of the builder. */

export const LINE_KIND: Record<LineKind, string> = {
  medication: 'Médicament',
  device: 'Dispositif médical',
  magistral: 'Préparation magistrale',
};

export const CONDITIONAL_TEST: Record<ConditionalTest, string> = {
  'trod-angine': 'TROD angine',
  'bu-cystite': 'BU cystite',
};

export const NON_DELIVERY: Record<NonDeliveryReason, string> = {
  'out-of-stock': 'rupture de stock',
  'refused-by-patient': 'refus du patient',
  'not-needed': 'non nécessaire',
  'condition-not-met': 'condition de délivrance non remplie',
  other: 'autre motif',
};

export const RENEWAL_KIND: Record<RenewalKind, string> = {
  'correspondent-renewal': 'renouvellement par le pharmacien correspondant',
  'posology-adjustment': 'adaptation de la posologie',
  'exceptional-dispensation': 'dispensation exceptionnelle',
};

export const CHANNEL: Record<AgreementChannel, string> = {
  phone: 'téléphone',
  'secure-messaging': 'messagerie sécurisée',
  'in-person': 'en personne',
  other: 'autre moyen',
};

export const OUTBOX_STATUS: Record<OutboxStatus, string> = {
  held: 'retenue (mode dégradé, en attente du téléservice)',
  queued: "en attente d'envoi au téléservice",
  sending: 'en cours d’envoi au téléservice',
  acknowledged: 'acquittée par le téléservice',
  parked: 'en échec d’envoi (à reprendre)',
  cancelled: 'annulée',
};

export const ROLE = { pharmacien: 'pharmacien', preparateur: 'préparateur' } as const;

/** `code label` for an SFPC code, or the bare code when this build does not know it. */
export function sfpc(kind: SfpcKind, code: string): string {
  const concept = sfpcLookup(kind, code);
  return concept ? `${code} ${concept.label}` : code;
}

/** `YYYY-MM-DD` → `DD/MM/YYYY`; anything else unchanged. */
export function day(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An instant as `DD/MM/YYYY HH:MM` in the given zone (explicit, so the host's TZ never changes a byte). */
export function instant(at: Date | string | undefined | null, timeZone: string): string {
  if (!at) return '';
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return String(at);
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('day')}/${p('month')}/${p('year')} ${p('hour')}:${p('minute')}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n > 1 ? many : one}`;

/** Free text from the counter, cut so one value never outgrows a page. */
export function clip(text: string, max = 600): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A label/value row, or none when there is no value. */
export const field = (label: string, text: string | undefined, indent: Row['indent'] = 0): Row[] =>
  text ? [{ label, text, indent }] : [];
