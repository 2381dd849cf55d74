import { PackageURL } from 'packageurl-js';

/** purl types for the OSV ecosystems that have one, with how a registry name splits into namespace and name. */
const PURL_TYPES: Record<string, { type: string; split?: string }> = {
  npm: { type: 'npm', split: '/' },
  PyPI: { type: 'pypi' },
  'crates.io': { type: 'cargo' },
  Go: { type: 'golang', split: '/' },
  Maven: { type: 'maven', split: ':' },
  RubyGems: { type: 'gem' },
  NuGet: { type: 'nuget' },
  Packagist: { type: 'composer', split: '/' },
  Hex: { type: 'hex' },
  Pub: { type: 'pub' },
  Hackage: { type: 'hackage' },
  CRAN: { type: 'cran' },
  Bioconductor: { type: 'bioconductor' },
  ConanCenter: { type: 'conan' },
  SwiftURL: { type: 'swift', split: '/' },
  'GitHub Actions': { type: 'github', split: '/' },
};

/** The package URL (purl) of a package, when its ecosystem has a purl type. */
export function purl(ecosystem: string, name: string): string | undefined {
  const spec = PURL_TYPES[ecosystem];
  if (!spec) return undefined;
  // Go's vulnerability database names the standard library and the toolchain `stdlib` and
  // `toolchain`: pseudo-modules no registry serves, so they have no package URL to invent.
  if (ecosystem === 'Go' && (name === 'stdlib' || name === 'toolchain')) return undefined;
  const at = spec.split ? name.lastIndexOf(spec.split) : -1;
  const namespace = at > 0 ? name.slice(0, at) : undefined;
  return new PackageURL(
    spec.type,
    namespace,
    at > 0 ? name.slice(at + 1) : name,
    undefined,
    undefined,
    undefined,
  ).toString();
}

/** The purl type of an ecosystem, for `vers:` ranges; `generic` when it has none. */
export function purlType(ecosystem: string | undefined): string {
  return (ecosystem && PURL_TYPES[ecosystem]?.type) ?? 'generic';
}
