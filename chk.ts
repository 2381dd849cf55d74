import { loadContent } from './src/lib/content/load-content.ts';
import { formatProblems } from './src/lib/content/problems.ts';
const { problems, content } = await loadContent(process.argv[2] ?? 'content');
console.log(problems.length ? formatProblems(problems) : `OK ${content?.advisories.length} advisories`);
