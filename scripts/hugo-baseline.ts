// The same advisories as a Hugo site, for the benchmark's comparison: Hugo renders each advisory's
// page (id, summary, severity, dates, aliases, affected ranges, references, credits and body), a
// paginated listing of all of them and one per severity, and Pagefind indexes the result, as
// Disclose does. Hugo reads the content files as they are; only templates are written here.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const BASEOF = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title></head>
<body><nav><a href="/">Home</a> <a href="/advisories/">Advisories</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
`;

const SINGLE = `{{ define "title" }}{{ .Params.id }}: {{ .Params.summary }}{{ end }}
{{ define "main" }}<article data-pagefind-body>
<h1>{{ .Params.id }}: {{ .Params.summary }}</h1>
<p>Severity: {{ .Params.severity }}. Published {{ .Date.Format "2006-01-02" }}.</p>
{{ with .Params.aliases }}<p>Also known as {{ delimit . ", " }}</p>{{ end }}
<table><tr><th>Project</th><th>Affected</th></tr>
{{ range .Params.affected }}<tr><td>{{ .project }}</td><td>{{ range .ranges }}{{ range .events }}{{ range $k, $v := . }}{{ $k }} {{ $v }}; {{ end }}{{ end }}{{ end }}</td></tr>{{ end }}
</table>
<ul>{{ range .Params.references }}<li><a href="{{ .url }}">{{ .type }}</a></li>{{ end }}</ul>
<ul>{{ range .Params.credits }}<li>{{ .name }} ({{ .type }})</li>{{ end }}</ul>
{{ .Content }}
</article>{{ end }}
`;

const LIST = `{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range (.Paginate (.Pages.ByDate.Reverse) 50).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.id }}</a> {{ .Params.summary }} ({{ .Params.severity }}, {{ .Date.Format "2006-01-02" }})</li>{{ end }}
</ul>{{ template "_internal/pagination.html" . }}{{ end }}
`;

const HOME = `{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>
{{ range first 10 (where .Site.RegularPages.ByDate.Reverse "Section" "advisories") }}<li><a href="{{ .RelPermalink }}">{{ .Params.id }}</a> {{ .Params.summary }}</li>{{ end }}
</ul>{{ end }}
`;

/** Writes a Hugo site whose content folder is the Disclose content folder's advisories. */
export async function writeHugoSite(site: string, content: string): Promise<void> {
  const layouts = join(site, 'layouts', '_default');
  await mkdir(layouts, { recursive: true });
  await writeFile(
    join(site, 'hugo.toml'),
    [
      'baseURL = "https://security.lanternfish.example/"',
      'title = "Lanternfish Labs security"',
      `contentDir = ${JSON.stringify(resolve(content, '..', 'hugo-content'))}`,
      'paginate = 50',
      'disableKinds = ["RSS", "sitemap", "robotsTXT"]',
      '[taxonomies]',
      '  severity = "severity"',
      '[frontmatter]',
      '  date = ["published"]',
      '[markup.goldmark.renderer]',
      '  unsafe = false',
      '',
    ].join('\n'),
  );
  await writeFile(join(layouts, 'baseof.html'), BASEOF);
  await writeFile(join(layouts, 'single.html'), SINGLE);
  await writeFile(join(layouts, 'list.html'), LIST);
  await writeFile(join(layouts, 'terms.html'), LIST);
  await writeFile(join(site, 'layouts', 'index.html'), HOME);
}
