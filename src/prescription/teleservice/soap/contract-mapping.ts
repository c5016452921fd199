import { join } from 'node:path';
import type {
  ConditionalResult,
  ConsultContext,
  DeliveredProduct,
  ExecutionLine,
  ExecutionOverride,
  ExecutionPayload,
  Intervention,
  LineRenewal,
  PharmacyRef,
  Prescription,
  PrescriptionLine,
  RecordedExecution,
  SearchCriteria,
} from '../teleservice.types';
import { WSDL_FILE } from '../wsdl/contract-files';
import { intAtLeast, matching, SoapContract, soapObject as o, SoapReader, wrapped } from './soap-contract';

/**
 * The one mapping module of Comptoir's contract (`wsdl/eprescription-v1.wsdl`): the port's domain types to
 * the input objects node-soap writes, and node-soap's output objects back to the domain types. Element
 * names, their order (node-soap writes keys in order: it must be the XSD's) and the list wrappers are
 * known here and nowhere else in Comptoir. The sandbox reads and writes the same XML with its own code.
 * The exported builders and readers serve a sibling contract whose inner types are the same (the renamed
 * copy of test/fixtures/teleservice/renamed/).
 */

const PRESCRIPTION_ID = /^[A-Za-z0-9]{1,64}$/;
const STATUS = ['open', 'partially-executed', 'fully-executed', 'expired', 'cancelled'] as const;
const EXECUTION_KIND = ['execution', 'post-invoice', 'cancellation'] as const;
const TEST = ['trod-angine', 'bu-cystite'] as const;

const id = (value: string, path: string): string => matching(value, PRESCRIPTION_ID, path);
const sequence = (value: number, path: string): number => intAtLeast(value, 1, path);

function pharmacy(p: PharmacyRef | undefined, path: string) {
  return o({ finess: p?.finess, am: p?.am, name: p?.name }, path);
}

export function consultContext(c: ConsultContext, path: string) {
  const qr = c.qr;
  return o(
    {
      purpose: c.purpose,
      qr: qr
        ? o(
            {
              lastName: qr.lastName,
              firstName: qr.firstName,
              birthDate: qr.birthDate,
              prescriberRpps: qr.prescriberRpps,
              prescriberAm: qr.prescriberAm,
            },
            `${path}.qr`,
          )
        : undefined,
    },
    path,
  );
}

function deliveredProduct(p: DeliveredProduct, path: string) {
  return o(
    {
      cip13: p.cip13,
      code: p.code,
      cis: p.cis,
      label: p.label,
      quantity: p.quantity,
      lot: p.lot,
      expiry: p.expiry,
      serial: p.serial,
      units: p.units,
      unitPriceCents: p.unitPriceCents,
      reimbursementRate: p.reimbursementRate,
    },
    path,
  );
}

function override(x: ExecutionOverride, path: string) {
  return o(
    {
      code: x.code,
      reason: x.reason,
      by: x.by,
      at: x.at,
      intervention: x.intervention ? intervention(x.intervention, `${path}.intervention`) : undefined,
    },
    path,
  );
}

function overrides(list: ExecutionOverride[] | undefined, path: string) {
  return list ? wrapped(list, 'override', (x, i) => override(x, `${path}[${i}]`)) : undefined;
}

function conditional(c: ConditionalResult, path: string) {
  return o(
    {
      test: c.test,
      result: c.result,
      performedAt: c.performedAt,
      findings: c.findings
        ? o({ nitrites: c.findings.nitrites, leucocytes: c.findings.leucocytes }, `${path}.findings`)
        : undefined,
    },
    path,
  );
}

function renewal(r: LineRenewal, path: string) {
  const am = r.amIntervention;
  return o(
    {
      kind: r.kind,
      posology: r.posology,
      comment: r.comment,
      mention: r.mention,
      durationDays: r.durationDays,
      amIntervention: am
        ? o({ type: am.type, motive: am.motive, situation: am.situation }, `${path}.amIntervention`)
        : undefined,
    },
    path,
  );
}

function intervention(i: Intervention, path: string) {
  const agreement = i.prescriberAgreement;
  return o(
    {
      problemCode: i.problemCode,
      interventionCode: i.interventionCode,
      outcome: i.outcome,
      prescriberAgreement: agreement
        ? o(
            { obtained: agreement.obtained, at: agreement.at, channel: agreement.channel },
            `${path}.prescriberAgreement`,
          )
        : undefined,
      comment: i.comment,
    },
    path,
  );
}

function executionLine(l: ExecutionLine, path: string) {
  const s = l.substitution;
  return o(
    {
      lineId: l.lineId,
      products: wrapped(l.products, 'product', (p, i) => deliveredProduct(p, `${path}.products[${i}]`)),
      substitution: s
        ? o(
            {
              substituted: s.substituted,
              patientRefusedGeneric: s.patientRefusedGeneric,
              mtePh: s.mtePh,
              reason: s.reason,
            },
            `${path}.substitution`,
          )
        : undefined,
      interventions: l.interventions
        ? wrapped(l.interventions, 'intervention', (x, i) => intervention(x, `${path}.interventions[${i}]`))
        : undefined,
      conditional: l.conditional ? conditional(l.conditional, `${path}.conditional`) : undefined,
      renewal: l.renewal ? renewal(l.renewal, `${path}.renewal`) : undefined,
      nonDelivery: l.nonDelivery
        ? o({ reason: l.nonDelivery.reason, comment: l.nonDelivery.comment }, `${path}.nonDelivery`)
        : undefined,
      comment: l.comment,
      delivery: l.delivery
        ? o(
            {
              renewalNumber: intAtLeast(l.delivery.renewalNumber, 0, `${path}.delivery.renewalNumber`),
              complement: l.delivery.complement,
              exceptional: l.delivery.exceptional,
            },
            `${path}.delivery`,
          )
        : undefined,
      overrides: overrides(l.overrides, `${path}.overrides`),
      prescriberInformed: l.prescriberInformed
        ? o(
            { at: l.prescriberInformed.at, channel: l.prescriberInformed.channel },
            `${path}.prescriberInformed`,
          )
        : undefined,
    },
    path,
  );
}

export function execution(e: ExecutionPayload, path: string) {
  return o(
    {
      dispensingDate: e.dispensingDate,
      renewalNumber: intAtLeast(e.renewalNumber, 0, `${path}.renewalNumber`),
      pharmacist: o({ rpps: e.pharmacist.rpps, role: e.pharmacist.role }, `${path}.pharmacist`),
      pharmacy: pharmacy(e.pharmacy, `${path}.pharmacy`),
      consentExecutionView: e.consentExecutionView,
      patientIns: e.patientIns
        ? o({ matricule: e.patientIns.matricule, oid: e.patientIns.oid }, `${path}.patientIns`)
        : undefined,
      lines: wrapped(e.lines, 'line', (l, i) => executionLine(l, `${path}.lines[${i}]`)),
      overrides: overrides(e.overrides, `${path}.overrides`),
      prescriber: e.prescriber
        ? o(
            { rpps: e.prescriber.rpps, am: e.prescriber.am, finess: e.prescriber.finess },
            `${path}.prescriber`,
          )
        : undefined,
    },
    path,
  );
}

export function searchCriteria(c: SearchCriteria, path: string) {
  return o(
    {
      patientIns: c.patientIns,
      patientLastName: c.patientLastName,
      patientFirstName: c.patientFirstName,
      patientBirthDate: c.patientBirthDate,
      prescriberRpps: c.prescriberRpps,
      createdFrom: c.createdFrom,
      createdTo: c.createdTo,
      status: c.status,
      limit: c.limit,
      patientNir: c.patientNir,
    },
    path,
  );
}

function prescriptionLine(r: SoapReader): PrescriptionLine {
  const product = r.obj('product');
  const dc = product.optObj('dc');
  const posology = r.obj('posology');
  const quantity = r.optObj('quantity');
  const conditional = r.optObj('conditional');
  return dropUndefined({
    lineId: r.str('lineId'),
    kind: r.oneOf('kind', ['medication', 'device', 'magistral'] as const),
    product: dropUndefined({
      cis: product.optStr('cis'),
      cip13: product.optStr('cip13'),
      dc:
        dc &&
        dropUndefined({
          substance: dc.str('substance'),
          strength: dc.optStr('strength'),
          form: dc.optStr('form'),
        }),
      lpp: product.optStr('lpp'),
      code: product.optStr('code'),
      label: product.optStr('label'),
    }),
    posology: dropUndefined({ text: posology.str('text'), unitsPerDay: posology.optDecimal('unitsPerDay') }),
    quantity:
      quantity && dropUndefined({ boxes: quantity.optInt('boxes'), units: quantity.optDecimal('units') }),
    durationDays: r.optInt('durationDays'),
    renewals: r.optInt('renewals'),
    nonSubstitutable: r.optOneOf('nonSubstitutable', ['MTE', 'EFG', 'CIF'] as const),
    ald: r.optBool('ald'),
    secure: r.optBool('secure'),
    exception: r.optBool('exception'),
    conditional:
      conditional &&
      dropUndefined({
        test: conditional.oneOf('test', TEST),
        validityDays: conditional.optInt('validityDays'),
      }),
    pharmacistRenewalAuthorized: r.optBool('pharmacistRenewalAuthorized'),
    posologyAdjustmentAuthorized: r.optBool('posologyAdjustmentAuthorized'),
    singleDelivery: r.optBool('singleDelivery'),
    overlapAllowed: r.optBool('overlapAllowed'),
  });
}

function recordedExecution(r: SoapReader): RecordedExecution {
  const p = r.obj('pharmacy');
  return {
    pharmacy: dropUndefined({ finess: p.optStr('finess'), am: p.optStr('am'), name: p.optStr('name') }),
    sequence: r.int('sequence'),
    kind: r.oneOf('kind', EXECUTION_KIND),
    date: r.date('date'),
    receivedAt: r.dateTime('receivedAt'),
    cancelled: r.bool('cancelled'),
    lines: r.list('lines', 'line').map((l) => ({ lineId: l.str('lineId'), quantity: l.decimal('quantity') })),
  };
}

export function prescription(r: SoapReader): Prescription {
  const prescriber = r.obj('prescriber');
  const patient = r.obj('patient');
  const ins = patient.optObj('ins');
  return dropUndefined({
    prescriptionId: r.str('prescriptionId'),
    createdAt: r.date('createdAt'),
    expiresAt: r.optDate('expiresAt'),
    status: r.oneOf('status', STATUS),
    prescriber: dropUndefined({
      rpps: prescriber.str('rpps'),
      am: prescriber.optStr('am'),
      finess: prescriber.optStr('finess'),
      replacementRpps: prescriber.optStr('replacementRpps'),
      lastName: prescriber.optStr('lastName'),
      firstName: prescriber.optStr('firstName'),
      specialty: prescriber.optStr('specialty'),
    }),
    patient: dropUndefined({
      lastName: patient.str('lastName'),
      firstName: patient.str('firstName'),
      birthDate: patient.date('birthDate'),
      ins: ins && { matricule: ins.str('matricule'), oid: ins.str('oid') },
    }),
    consentExecutionView: r.bool('consentExecutionView'),
    lines: r.list('lines', 'line').map(prescriptionLine),
    executions: r.list('executions', 'execution').map(recordedExecution),
  });
}

function acknowledgement(output: SoapReader) {
  const a = output.obj('accuse');
  return {
    prescriptionId: a.str('prescriptionId'),
    sequence: a.int('sequence'),
    kind: a.oneOf('kind', EXECUTION_KIND),
    acknowledgementId: a.str('acknowledgementId'),
    receivedAt: a.dateTime('receivedAt'),
  };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const COMPTOIR_CONTRACT: SoapContract = {
  wsdlPath: join(__dirname, '..', 'wsdl', WSDL_FILE),
  consult: {
    name: 'consulterPrescription',
    request: (prescriptionId, context) =>
      o(
        {
          prescriptionId: id(prescriptionId, 'consulterPrescription.prescriptionId'),
          contexte: context ? consultContext(context, 'consulterPrescription.contexte') : undefined,
        },
        'consulterPrescription',
      ),
    response: (output) => prescription(output.obj('prescription')),
  },
  recordExecution: {
    name: 'enregistrerExecution',
    request: (prescriptionId, n, payload) =>
      o(
        {
          prescriptionId: id(prescriptionId, 'enregistrerExecution.prescriptionId'),
          sequence: sequence(n, 'enregistrerExecution.sequence'),
          execution: execution(payload, 'enregistrerExecution.execution'),
        },
        'enregistrerExecution',
      ),
    response: acknowledgement,
  },
  updateAfterInvoicing: {
    name: 'mettreAJourApresFacturation',
    request: (prescriptionId, n, invoice) =>
      o(
        {
          prescriptionId: id(prescriptionId, 'mettreAJourApresFacturation.prescriptionId'),
          sequence: sequence(n, 'mettreAJourApresFacturation.sequence'),
          fse: o(
            {
              executionSequence: sequence(
                invoice.executionSequence,
                'mettreAJourApresFacturation.fse.executionSequence',
              ),
              fseNumber: invoice.fseNumber,
              billingNumber: invoice.billingNumber,
              invoicedAt: invoice.invoicedAt,
              amountCents: invoice.amountCents,
            },
            'mettreAJourApresFacturation.fse',
          ),
        },
        'mettreAJourApresFacturation',
      ),
    response: acknowledgement,
  },
  cancelExecution: {
    name: 'annulerExecution',
    request: (prescriptionId, n, cancellation) =>
      o(
        {
          prescriptionId: id(prescriptionId, 'annulerExecution.prescriptionId'),
          sequence: sequence(n, 'annulerExecution.sequence'),
          executionSequence: sequence(cancellation.executionSequence, 'annulerExecution.executionSequence'),
          motif: cancellation.reason,
        },
        'annulerExecution',
      ),
    response: acknowledgement,
  },
  search: {
    name: 'rechercherPrescriptions',
    request: (criteria) =>
      o(
        { criteres: searchCriteria(criteria, 'rechercherPrescriptions.criteres') },
        'rechercherPrescriptions',
      ),
    response: (output) =>
      output.list('resultats', 'prescription').map((s) => ({
        prescriptionId: s.str('prescriptionId'),
        createdAt: s.date('createdAt'),
        status: s.oneOf('status', STATUS),
        prescriberRpps: s.str('prescriberRpps'),
        lineCount: s.int('lineCount'),
      })),
  },
  fault: (fault) => {
    const detail = fault.optObj('detail')?.optObj('teleserviceFault');
    if (!detail) return undefined;
    return dropUndefined({
      code: detail.str('code'),
      message: detail.str('message'),
      retryable: detail.bool('retryable'),
      expectedSequence: detail.optInt('expectedSequence'),
      reason: detail.optStr('reason'),
    });
  },
};
