import {
  arr,
  defineSchemas,
  instant,
  int,
  listOf,
  nullable,
  obj,
  oneOf,
  ref,
  str,
} from '../http/openapi-schemas';

/** The event types of API.md § Devices, patient, events (a webhook subscribes to some of them). */
export const EVENT_TYPES = [
  'scan',
  'card-inserted',
  'card-removed',
  'prescription-retrieved',
  'patient-prescriptions',
  'dispensation-updated',
  'execution-acknowledged',
  'execution-parked',
  'retrieval-failed',
];

defineSchemas({
  Webhook: obj({
    id: str({ format: 'uuid' }),
    url: str(),
    events: arr(oneOf(EVENT_TYPES)),
    createdAt: instant(),
  }),
  WebhookList: listOf(ref('Webhook')),
  WebhookDelivery: obj({
    deliveryId: str({
      format: 'uuid',
      description: 'Also the Comptoir-Delivery-Id header: the same at every attempt',
    }),
    eventId: str(),
    eventType: str(),
    status: oneOf(['queued', 'delivered']),
    attempts: int(),
    lastStatus: nullable(int({ description: "The receiver's HTTP status at the last attempt" })),
    lastError: nullable(str()),
    nextAttemptAt: nullable(instant()),
    deliveredAt: nullable(instant()),
    createdAt: instant(),
  }),
  WebhookDeliveryList: listOf(ref('WebhookDelivery')),
});
