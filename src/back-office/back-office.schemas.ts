import {
  arr,
  bool,
  day,
  defineSchemas,
  instant,
  int,
  nullable,
  nullableRef,
  obj,
  oneOf,
  ref,
  str,
} from '../core/http/openapi-schemas';
import { DISPENSATION_STATUSES } from '../dispensation/dispensation.schemas';
import { EXECUTION_KINDS, EXECUTION_STATUSES } from '../execution/execution.schemas';

const nstr = () => nullable(str());

/** The response schemas of the back office not written as classes: a rejection's detail. */
defineSchemas({
  RejectionDetail: obj({
    rejectionId: str(),
    prescriptionId: str(),
    dispensationId: str(),
    invoiceId: str(),
    executionIds: arr(str()),
    fseNumber: str(),
    billingNumber: nstr(),
    invoiceDate: str({ format: 'date' }),
    rejectionCode: str(),
    label: str(),
    amountCents: nullable(int()),
    receivedAt: instant(),
    suggestedAction: oneOf(['resend-execution', 'send-reconstitution-scor', 'correct-and-reinvoice']),
    status: oneOf(['new', 'in-progress', 'resolved']),
    comment: nstr(),
    createdAt: instant(),
    updatedAt: instant(),
    dispensation: nullable(
      obj({
        id: str(),
        status: oneOf(DISPENSATION_STATUSES),
        terminalId: str(),
        renewalNumber: int(),
        operator: nullableRef('ActAuthor'),
      }),
    ),
    invoice: nullable(
      obj({
        invoiceId: str(),
        fseNumber: str(),
        billingNumber: nstr(),
        invoicedAt: instant(),
        amountCents: nullable(int()),
        overridden: bool(),
      }),
    ),
    executions: arr(
      obj({
        executionId: str(),
        sequence: int(),
        kind: oneOf(EXECUTION_KINDS),
        status: oneOf(EXECUTION_STATUSES),
        acknowledgedAt: nullable(instant()),
      }),
    ),
    interventions: arr(
      obj(
        {
          actId: str(),
          lineId: nstr(),
          problemCode: str(),
          interventionCode: str(),
          by: ref('ActAuthor'),
          at: instant(),
        },
        {
          outcome: str(),
          prescriberAgreement: obj({ obtained: bool(), at: instant(), channel: str() }),
          comment: str(),
        },
      ),
    ),
    patient: nullable(
      obj(
        { lastName: str(), firstName: str(), birthDate: day() },
        {},
        { description: 'The prescription as last retrieved (null when it never was)' },
      ),
    ),
    lines: arr(obj({ lineId: str(), kind: oneOf(['medication', 'device', 'magistral']), label: str() })),
    overrides: arr(
      obj({
        actId: str(),
        lineId: nstr(),
        code: str(),
        reason: str(),
        by: ref('ActAuthor'),
        at: instant(),
      }),
    ),
    acts: arr(
      obj({
        actId: str(),
        type: oneOf(['conditional', 'non-delivery', 'renewal', 'override', 'line-flags']),
        lineId: nstr(),
        by: ref('ActAuthor'),
        at: instant(),
      }),
    ),
    packs: arr(
      obj({
        packId: str(),
        kind: oneOf(['pack', 'manual']),
        lineId: nstr(),
        cip13: nstr(),
        code: nstr(),
        cis: nstr(),
        label: str(),
        expiry: nstr(),
        lot: nstr(),
        serial: nstr(),
        quantity: int(),
        scanId: nstr(),
      }),
    ),
    reconstitutionUrl: str(),
  }),
});
