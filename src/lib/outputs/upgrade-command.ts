/**
 * The usual command to install a fixed version, for registries that have one. Readers paste it
 * into a shell, so it is built only from a package name and a version that match the registry's
 * own grammar, each single-quoted; anything else leaves the command out rather than guess.
 */

interface Registry {
  /** What a package name looks like in this registry. */
  name: RegExp;
  /** What a version looks like in this registry. */
  version: RegExp;
  command: (name: string, version: string) => string;
}

const SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

const REGISTRIES: Record<string, Registry> = {
  npm: {
    name: /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/,
    version: SEMVER,
    command: (name, version) => `npm install ${quote(`${name}@${version}`)}`,
  },
  PyPI: {
    name: /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/,
    // PEP 440, public versions.
    version: /^(?:\d+!)?\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?$/,
    command: (name, version) => `pip install --upgrade ${quote(`${name}>=${version}`)}`,
  },
  'crates.io': {
    name: /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
    version: SEMVER,
    command: (name, version) => `cargo update --package ${quote(name)} --precise ${quote(version)}`,
  },
  Go: {
    name: /^[A-Za-z0-9][A-Za-z0-9._~/-]*$/,
    version: SEMVER,
    command: (name, version) => `go get ${quote(`${name}@v${version.replace(/^v/, '')}`)}`,
  },
  RubyGems: {
    name: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    version: /^\d+(?:\.[0-9A-Za-z]+)*$/,
    command: (name, version) => `gem install ${quote(name)} --version ${quote(version)}`,
  },
  NuGet: {
    name: /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
    version: /^\d+(?:\.\d+){1,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/,
    command: (name, version) => `dotnet add package ${quote(name)} --version ${quote(version)}`,
  },
  Packagist: {
    name: /^[a-z0-9](?:[_.-]?[a-z0-9]+)*\/[a-z0-9](?:(?:[_.]|-{1,2})?[a-z0-9]+)*$/,
    version: /^v?\d+(?:\.\d+){0,3}(?:-(?:dev|patch|alpha|beta|RC)\d*)?$/i,
    command: (name, version) => `composer require ${quote(`${name}:^${version.replace(/^v/, '')}`)}`,
  },
};

/** The install command for `version` of `name`, or undefined when there is none to offer safely. */
export function upgradeCommand(ecosystem: string, name: string, version: string): string | undefined {
  const registry = REGISTRIES[ecosystem];
  if (!registry || !registry.name.test(name) || !registry.version.test(version)) return undefined;
  return registry.command(name, version);
}

/** POSIX shell single quotes; the grammars above already exclude quotes, this is belt and braces. */
function quote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
