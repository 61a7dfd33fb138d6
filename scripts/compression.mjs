import zlib from 'node:zlib';

// Responses are gzipped here rather than by Next.js (`compress: false` in next.config.ts). Next hands a route
// handler's body to the socket as a stream without its length, so its compression cannot see that a body is small
// and gzips every answer: a zlib stream per request (~1.5 ms of CPU and ~256 KB of memory) for JSON of a few hundred
// bytes. Here the response's first bytes decide: a body that starts with less than THRESHOLD bytes goes as it is.

const THRESHOLD = 1024;
/** Text but event streams (each event must leave at once), JSON, JavaScript, XML and SVG. */
const COMPRESSIBLE = /^(?:text\/(?!event-stream)|application\/(?:json|javascript|xml|manifest\+json|[\w.-]+\+(?:json|xml))|image\/svg\+xml)/i;

/** Whether an Accept-Encoding header allows gzip (`gzip` or `*` with a non-zero quality, gzip not refused). */
export function acceptsGzip(header) {
  if (!header) return false;
  const quality = new Map();
  for (const part of String(header).toLowerCase().split(',')) {
    const [coding, ...params] = part.trim().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    quality.set(coding.trim(), q ? Number(q.slice(2)) : 1);
  }
  return (quality.get('gzip') ?? quality.get('*') ?? 0) > 0;
}

/** A write's or end's arguments as bytes and callback (Node allows `(chunk, callback)` and `(callback)`). */
function normalize(chunk, encoding, callback) {
  const done = [chunk, encoding, callback].find((arg) => typeof arg === 'function');
  if (chunk == null || typeof chunk === 'function') return { bytes: Buffer.alloc(0), done };
  return { bytes: typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk, done };
}

function addVary(res) {
  const vary = String(res.getHeader('vary') ?? '');
  if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) res.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

function worthCompressing(res, firstBytes) {
  if (res.statusCode === 204 || res.statusCode === 304 || res.getHeader('content-encoding')) return false;
  if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(String(res.getHeader('cache-control') ?? ''))) return false;
  if (!COMPRESSIBLE.test(String(res.getHeader('content-type') ?? ''))) return false;
  addVary(res);
  return firstBytes >= THRESHOLD;
}

/**
 * Makes `res` gzip its body when the client accepts gzip and the body is worth it. Until the first bytes, headers
 * (`writeHead`, `flushHeaders`) are held so that the decision can still set Content-Encoding.
 */
export function compressResponse(req, res) {
  if (req.method === 'HEAD' || !acceptsGzip(req.headers['accept-encoding'])) return;
  const { write, end, writeHead, flushHeaders } = res;

  function gzipFromNowOn() {
    res.setHeader('Content-Encoding', 'gzip');
    res.removeHeader('Content-Length');
    const gzip = zlib.createGzip();
    gzip.on('data', (chunk) => {
      if (write.call(res, chunk) === false) gzip.pause();
    });
    gzip.on('end', () => end.call(res));
    // Backpressure both ways: the socket drained resumes the gzip output; gzip drained lets the writer go on.
    res.on('drain', () => gzip.resume());
    gzip.on('drain', () => res.emit('drain'));
    res.on('close', () => gzip.destroy());
    res.write = (...args) => {
      const { bytes, done } = normalize(...args);
      return gzip.write(bytes, done);
    };
    res.end = (...args) => {
      const { bytes, done } = normalize(...args);
      if (done) res.once('finish', done);
      if (bytes.byteLength > 0) gzip.write(bytes);
      gzip.end();
      return res;
    };
    // Next calls flush after each chunk it streams, so a streamed page still arrives piece by piece.
    res.flush = () => gzip.flush();
  }

  function decide(firstBytes) {
    Object.assign(res, { write, end, writeHead, flushHeaders });
    if (worthCompressing(res, firstBytes)) gzipFromNowOn();
  }

  res.writeHead = (statusCode, ...rest) => {
    const headers = typeof rest[0] === 'string' ? rest[1] : rest[0];
    if (typeof rest[0] === 'string') res.statusMessage = rest[0];
    res.statusCode = statusCode;
    if (Array.isArray(headers)) for (let i = 0; i < headers.length; i += 2) res.appendHeader(headers[i], headers[i + 1]);
    else for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
    return res;
  };
  res.flushHeaders = () => {};
  res.write = (...args) => {
    const { bytes, done } = normalize(...args);
    if (bytes.byteLength === 0) {
      if (done) process.nextTick(done);
      return true;
    }
    decide(bytes.byteLength);
    return res.write(...args);
  };
  res.end = (...args) => {
    decide(normalize(...args).bytes.byteLength);
    return res.end(...args);
  };
}
