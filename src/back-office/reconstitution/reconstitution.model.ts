import type { OutboxStatus } from '../../core/outbox/outbox-execution.entity';
import type {
  ExecutionPayload,
  Prescription,
  ProfessionalRole,
} from '../../prescription/teleservice/teleservice.types';

/** One execution of this pharmacy, with what the service knows around it (outbox, dispensation, invoice). */
export interface ExecutionFacts {
  executionId: string;
  sequence: number;
  status: OutboxStatus;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgementId?: string;
  payload: ExecutionPayload;
  /** The person at the terminal when it was validated (the dispensation's operator). */
  operator?: { rpps: string; lastName: string; firstName: string; role: ProfessionalRole };
  invoice?: { fseNumber: string; billingNumber?: string; invoicedAt: Date; recordedAt: Date };
  /** A cancellation call queued for this execution. */
  cancellation?: { sequence: number; reason: string; status: OutboxStatus; recordedAt: Date };
}

/** Everything the document is built from; the same input gives the same document. */
export interface ReconstitutionInput {
  prescription: Prescription;
  retrievedAt: Date;
  pharmacy: { finess: string; am?: string; name: string };
  software: string;
  /** This pharmacy's executions, in sequence order. */
  executions: ExecutionFacts[];
  /** Whether one execution was asked for (`?executionId=`) or all of them. */
  scope: 'all' | 'one';
  /** Referential names by CIP13 or CIS code (missing codes simply have no entry). */
  names: Readonly<Record<string, string>>;
  /** IANA zone the instants are shown in (the pharmacy's TZ). */
  timeZone: string;
}

/** A label/value line, or a paragraph when `label` is absent. */
export interface Row {
  label?: string;
  text: string;
  /** 0 = flush, 1 = under a sub-heading, 2 = detail of a delivered product. */
  indent?: 0 | 1 | 2;
  style?: 'normal' | 'bold' | 'muted';
}

export interface Section {
  heading: string;
  rows: Row[];
}

export type Block = { kind: 'section'; section: Section } | { kind: 'columns'; columns: [Section, Section] };

/** The plain document the renderer lays out: every string final, every date formatted. */
export interface DocumentModel {
  info: { title: string; subject: string; author: string; creator: string; creationDate: Date };
  /** Repeated at the top of every page. */
  header: { title: string; reference: string };
  /** Beside the QR code on page 1. */
  identity: Section;
  qr: { payload: string; caption: string };
  blocks: Block[];
  /** Repeated at the bottom of every page, with "page x/y". */
  footer: string;
}
