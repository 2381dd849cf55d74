import * as pagefind from 'pagefind';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const mode = process.argv[2];
const dir = '/tmp/b20/dist';
const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
const t = performance.now();
if (mode === 'records') {
  for (const id of readdirSync(join(dir, 'advisories')).filter((d) => d.includes('-'))) {
    const html = readFileSync(join(dir, 'advisories', id, 'index.html'), 'utf8');
    const body = html.slice(html.indexOf('<article'), html.indexOf('</article>')).replace(/<[^>]+>/g, ' ');
    await index.addCustomRecord({
      url: `/advisories/${id}/`,
      content: body,
      language: 'en',
      meta: { title: id },
      filters: { year: [id.split('-')[1]] },
    });
  }
} else if (mode === 'files') {
  for (const id of readdirSync(join(dir, 'advisories')).filter((d) => d.includes('-'))) {
    await index.addHTMLFile({
      url: `/advisories/${id}/`,
      content: readFileSync(join(dir, 'advisories', id, 'index.html'), 'utf8'),
    });
  }
} else {
  await index.addDirectory({ path: dir });
}
await index.writeFiles({ outputPath: '/tmp/b20/pf-' + mode });
console.log(mode, ((performance.now() - t) / 1000).toFixed(1), 's');
await pagefind.close();
