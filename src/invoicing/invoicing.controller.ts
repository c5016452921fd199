import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActingTerminal, Owns, requireTerminal } from '../core/auth/ownership';
import { Roles } from '../core/auth/principal';
import { InvoiceDto } from './dto/invoice.dto';
import { InvoicingService } from './invoicing.service';
import { ApiAnswer, ApiProblems } from '../core/http/openapi-schemas';

@ApiTags('invoicing')
@ApiBearerAuth()
@Controller('api/v1/dispensations')
export class InvoicingController {
  constructor(private readonly invoicing: InvoicingService) {}

  @Post(':id/invoice')
  @HttpCode(202)
  @Roles('counter', 'lgo')
  @Owns('dispensation')
  @ApiOperation({
    summary:
      'Records the FSE; 409 EXECUTION_NOT_ACKNOWLEDGED before the acknowledgement unless a pharmacien overrides',
  })
  @ApiAnswer(202, 'Invoiced')
  @ApiProblems(400, 403, 404, 409)
  invoice(@Param('id') id: string, @Body() body: InvoiceDto, @ActingTerminal() terminalId?: string) {
    return this.invoicing.invoice(id, body, requireTerminal(terminalId));
  }
}
