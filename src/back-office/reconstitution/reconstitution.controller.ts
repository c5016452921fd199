import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../../core/auth/principal';
import { ReconstitutionQuery } from './dto/reconstitution-query.dto';
import { ReconstitutionService } from './reconstitution.service';
import { ApiBinaryAnswer, ApiProblems } from '../../core/http/openapi-schemas';

@ApiTags('back-office')
@ApiBearerAuth()
@Controller('api/v1/prescriptions')
export class ReconstitutionController {
  constructor(private readonly reconstitution: ReconstitutionService) {}

  @Get(':id/reconstitution.pdf')
  @Roles('back-office')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'The prescription rebuilt from ON and execution data (all executions, or the one given), A4 PDF for SCOR',
  })
  @ApiBinaryAnswer(200, 'application/pdf', 'The prescription rebuilt for SCOR')
  @ApiProblems(404)
  async pdf(
    @Param('id') id: string,
    @Query() query: ReconstitutionQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamableFile> {
    const { filename, pdf } = await this.reconstitution.produce(id, query.executionId, principal);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="${filename}"`,
      length: pdf.length,
    });
  }
}
