import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { TerminalFree } from '../../core/auth/ownership';
import { CurrentPrincipal, Principal } from '../../core/auth/principal';
import { FavouritesService } from './favourites.service';
import { ApiAnswer, ApiProblems } from '../../core/http/openapi-schemas';

export class FavouriteDto {
  @ApiProperty({ example: 'Générique accepté' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  label: string;

  @ApiProperty({ example: '6.1' })
  @IsString()
  @MaxLength(8)
  problemCode: string;

  @ApiProperty({ example: '3' })
  @IsString()
  @MaxLength(8)
  interventionCode: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(8)
  outcome?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

/** The pharmacy's favourite interventions: one list for every terminal of the pharmacy. */
@ApiTags('dispensations')
@ApiBearerAuth()
@TerminalFree("the pharmacy's favourite interventions: one list for every terminal, no patient data")
@Controller('api/v1/intervention-favourites')
export class FavouritesController {
  constructor(private readonly favourites: FavouritesService) {}

  @Get()
  @ApiOperation({ summary: "The pharmacy's favourite interventions (SFPC codes with a label)" })
  @ApiAnswer(200, 'InterventionFavouriteList')
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: await this.favourites.list(principal.pharmacyId) };
  }

  @Post()
  @ApiOperation({ summary: 'Adds a favourite intervention' })
  @ApiAnswer(201, 'InterventionFavourite')
  @ApiProblems(400, 422)
  add(@Body() body: FavouriteDto, @CurrentPrincipal() principal: Principal) {
    return this.favourites.add(body, principal);
  }

  @Delete(':favouriteId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a favourite intervention' })
  @ApiResponse({ status: 204, description: 'Removed' })
  @ApiProblems(404)
  remove(@Param('favouriteId') id: string, @CurrentPrincipal() principal: Principal) {
    return this.favourites.remove(id, principal);
  }
}
