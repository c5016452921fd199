import { CoreException } from '../../core/errors/core.exception';
import { ScanException } from '../scan.exception';
import { IMAGE_MEDIA_TYPES } from './decode-image';

/** What POST /api/v1/scans/image received, whichever way it was sent. */
export interface ImageUpload {
  bytes: Buffer;
  /** The declared type (the bytes decide the format). */
  mimeType: string;
  terminalId?: string;
}

interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const TERMINAL_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_PARTS = 8;

/**
 * The picture and terminalId from a raw body (terminalId in the query) or a multipart form (one file
 * part, an optional `terminalId` field). 415 for any other content type.
 */
export function readImageUpload(
  contentType: string | undefined,
  body: unknown,
  queryTerminalId?: string,
): ImageUpload {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if ((IMAGE_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    return { bytes: nonEmpty(body), mimeType: mediaType, terminalId: queryTerminalId };
  }
  if (mediaType !== 'multipart/form-data') {
    throw new CoreException(
      'UNSUPPORTED_MEDIA_TYPE',
      `${mediaType || 'no content type'}: send image/png, image/jpeg, application/pdf or multipart/form-data`,
    );
  }
  const parts = parseMultipart(nonEmpty(body), contentType ?? '');
  const files = parts.filter((p) => p.filename !== undefined);
  const fields = parts.filter((p) => p.filename === undefined);
  for (const f of fields) {
    if (f.name !== 'terminalId') throw invalid(`unknown form field ${JSON.stringify(f.name)}`);
  }
  if (files.length !== 1) throw invalid(`expected one file part, got ${files.length}`);
  const file = files[0];
  const declared = (file.contentType ?? 'application/octet-stream').split(';')[0].trim().toLowerCase();
  if (
    declared !== 'application/octet-stream' &&
    !(IMAGE_MEDIA_TYPES as readonly string[]).includes(declared)
  ) {
    throw new CoreException(
      'UNSUPPORTED_MEDIA_TYPE',
      `file part of type ${declared} is not an image or a PDF`,
    );
  }
  const formTerminal = fields.length > 0 ? fields[0].data.toString('utf8').trim() : undefined;
  if (formTerminal !== undefined && !TERMINAL_ID.test(formTerminal)) throw invalid('terminalId is invalid');
  if (formTerminal !== undefined && queryTerminalId !== undefined && formTerminal !== queryTerminalId) {
    throw invalid('terminalId differs between the query and the form');
  }
  return { bytes: nonEmpty(file.data), mimeType: declared, terminalId: formTerminal ?? queryTerminalId };
}

function nonEmpty(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new ScanException('IMAGE_UNREADABLE', 'the body is empty');
  return body;
}

function invalid(detail: string): CoreException {
  return new CoreException('VALIDATION_FAILED', `multipart body: ${detail}`);
}

/** RFC 7578 multipart/form-data, whole body in memory (it is already, under server.imageBodyLimit). */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  if (!m) throw invalid('no boundary in the content type');
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw invalid('boundary not found');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return parts;
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n') throw invalid('malformed boundary line');
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw invalid('part headers not terminated');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw invalid('closing boundary missing');
    parts.push({ ...partHeaders(headers), data: body.subarray(headerEnd + 4, next) });
    if (parts.length > MAX_PARTS) throw invalid(`more than ${MAX_PARTS} parts`);
    pos = next + 2;
  }
}

function partHeaders(raw: string): Omit<FormPart, 'data'> {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of raw.split('\r\n')) {
    const colon = line.indexOf(':');
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-type') contentType = value;
    if (key !== 'content-disposition') continue;
    if (!/^form-data\b/i.test(value)) throw invalid('a part is not form-data');
    name = /;\s*name="([^"]*)"/i.exec(value)?.[1];
    filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1];
  }
  if (name === undefined) throw invalid('a part has no name');
  return { name, filename, contentType };
}
