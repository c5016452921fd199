import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActingTerminal, Owns, requireTerminal } from '../core/auth/ownership';
import { Roles } from '../core/auth/principal';
import { ApiAnswer, ApiProblems } from '../core/http/openapi-schemas';
import { ClosureService } from './closure.service';
import { TranscriptionService } from './degraded/transcription.service';
import { AbandonDto, ConfirmTranscriptionDto, TranscribeLinesDto } from './dto/transcription.dto';

/** API.md § Dispensations: degraded mode (transcription, confirmation) and abandoning a dispensation. */
@ApiTags('dispensations')
@ApiBearerAuth()
@Roles('counter', 'lgo')
@Owns('dispensation')
@Controller('api/v1/dispensations/:id')
export class DegradedController {
  constructor(
    private readonly transcriptions: TranscriptionService,
    private readonly closures: ClosureService,
  ) {}

  @Post('lines')
  @ApiOperation({
    summary:
      "Degraded mode: transcribes the paper's lines (seed format) on a dispensation opened without the teleservice",
  })
  @ApiAnswer(201, 'Dispensation')
  @ApiProblems(400, 403, 404, 409, 422)
  transcribe(
    @Param('id') id: string,
    @Body() body: TranscribeLinesDto,
    @ActingTerminal() terminalId?: string,
  ) {
    return this.transcriptions.transcribe(id, body, requireTerminal(terminalId));
  }

  @Delete('lines/:lineId')
  @ApiOperation({ summary: 'Degraded mode: removes a transcribed line (a typing mistake)' })
  @ApiAnswer(200, 'Dispensation')
  @ApiProblems(403, 404, 409)
  removeLine(
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @ActingTerminal() terminalId?: string,
  ) {
    return this.transcriptions.removeLine(id, lineId, requireTerminal(terminalId));
  }

  @Post('transcription/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Confirms a transcription that differs from the teleservice's prescription (pharmacien or préparateur); a held execution is queued",
  })
  @ApiAnswer(200, 'Dispensation')
  @ApiProblems(400, 403, 404, 409)
  confirm(
    @Param('id') id: string,
    @Body() body: ConfirmTranscriptionDto,
    @ActingTerminal() terminalId?: string,
  ) {
    return this.transcriptions.confirm(id, body.comment, requireTerminal(terminalId));
  }

  @Post('abandon')
  @HttpCode(200)
  @ApiOperation({ summary: 'Closes an open dispensation without an execution (the customer left); audited' })
  @ApiAnswer(200, 'Dispensation')
  @ApiProblems(400, 403, 404, 409)
  abandon(@Param('id') id: string, @Body() body: AbandonDto, @ActingTerminal() terminalId?: string) {
    return this.closures.abandon(id, body.reason, requireTerminal(terminalId));
  }
}
