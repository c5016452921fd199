import { defineSchemas, int, obj, oneOf, str } from '../core/http/openapi-schemas';

/** The response schemas of the invoicing stage. */
defineSchemas({
  Invoiced: obj({
    invoiceId: str({ format: 'uuid' }),
    dispensationId: str({ format: 'uuid' }),
    status: oneOf(['invoiced']),
    postInvoice: obj(
      { executionId: str({ format: 'uuid' }), sequence: int({ minimum: 1 }) },
      {},
      { description: 'The post-invoice update queued behind the execution' },
    ),
  }),
});
