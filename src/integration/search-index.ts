import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/**
 * Indexes the built site with Pagefind's Node API, so `npm run build` alone yields a searchable
 * site. Only elements marked data-pagefind-body are indexed: policy, project and advisory pages,
 * never listings. Advisory ids and aliases carry a high weight, so searching one finds it first.
 */
export async function writeSearchIndex(dirUrl: URL): Promise<number> {
  const dir = fileURLToPath(dirUrl);
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length > 0)
      throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: `${dir}/pagefind` });
    if (written.errors.length > 0)
      throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}
