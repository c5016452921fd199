import type { OutboxExecutionEntity } from '../../core/outbox/outbox-execution.entity';
import { suggestAction } from './suggested-action';

type Row = Pick<OutboxExecutionEntity, 'kind' | 'status'>;
const acked: Row[] = [
  { kind: 'execution', status: 'acknowledged' },
  { kind: 'post-invoice', status: 'acknowledged' },
];
const rejection = (label: string, rejectionCode = 'X-1') => ({ rejectionCode, label });

describe('suggestAction', () => {
  it.each<[string, Row[], ReturnType<typeof rejection>, string]>([
    [
      'execution queued',
      [{ kind: 'execution', status: 'queued' }],
      rejection('PJ ABSENTE'),
      'resend-execution',
    ],
    ['execution parked', [{ kind: 'execution', status: 'parked' }], rejection('any'), 'resend-execution'],
    [
      'execution cancelled',
      [{ kind: 'execution', status: 'cancelled' }],
      rejection('any'),
      'resend-execution',
    ],
    ['no execution row', [], rejection('any'), 'resend-execution'],
    [
      'post-invoice parked',
      [acked[0], { kind: 'post-invoice', status: 'parked' }],
      rejection('any'),
      'resend-execution',
    ],
    ['known code', acked, rejection('ALD INCONNUE EN BASE', '0009-816'), 'correct-and-reinvoice'],
    ['pièce justificative', acked, rejection('Pièce justificative absente'), 'send-reconstitution-scor'],
    ['PJ', acked, rejection('PJ NON RECUE'), 'send-reconstitution-scor'],
    ['ordonnance manquante', acked, rejection('ORDONNANCE MANQUANTE'), 'send-reconstitution-scor'],
    ['prescription non reçue', acked, rejection('prescription non reçue'), 'send-reconstitution-scor'],
    ['absence de prescription', acked, rejection("ABSENCE DE L'ORDONNANCE"), 'send-reconstitution-scor'],
    ['SCOR', acked, rejection('Document SCOR illisible'), 'send-reconstitution-scor'],
    ['anything else', acked, rejection('TAUX DE PRISE EN CHARGE ERRONE'), 'correct-and-reinvoice'],
    ['a word containing pj', acked, rejection('XPJX DROITS'), 'correct-and-reinvoice'],
  ])('%s', (_, rows, r, want) => expect(suggestAction(r, rows)).toBe(want));
});
