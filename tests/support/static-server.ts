import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Serves a built site on loopback under its base path, as a static host would. */
export async function serveStatic(root: string, base: string): Promise<{ url: string; server: Server }> {
  const prefix = base.replace(/\/+$/, '');
  const server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      if (!pathname.startsWith(`${prefix}/`) && pathname !== prefix) return notFound();
      let file = normalize(join(root, pathname.slice(prefix.length)));
      if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) return notFound();
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        await stat(file);
      } catch {
        return notFound();
      }
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    })();

    function notFound(): void {
      response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      createReadStream(join(root, '404.html'))
        .on('error', () => response.end('Not found'))
        .pipe(response);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${prefix}/`, server };
}
