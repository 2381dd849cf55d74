/**
 * WCAG 2.2 contrast between two colours, and the nearest colour of the same hue that reaches a
 * ratio, so a failing accent is refused with a suggestion rather than published unreadable.
 */

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(hex: string): number {
  const [r, g, b] = parse(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `colour` moved towards black or white (away from `background`) until it reaches `ratio`. */
export function nearestPassing(colour: string, background: string, ratio: number): string {
  const towards: Rgb = luminance(background) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  const from = parse(colour);
  for (let step = 1; step <= 100; step++) {
    const mixed = from.map((c, i) => c + ((towards[i] ?? 0) - c) * (step / 100)) as Rgb;
    const candidate = toHex(mixed);
    if (contrastRatio(candidate, background) >= ratio) return candidate;
  }
  return toHex(towards);
}

/** The page backgrounds an accent is shown on, light and dark (src/styles/global.css). */
export const BACKGROUNDS = { light: '#ffffff', dark: '#0d1117' } as const;

/**
 * Why an accent colour cannot be used for links on its background (WCAG AA's 4.5:1, since links
 * are text), naming the nearest colour of the same hue that passes; undefined when it passes.
 */
export function accentProblem(colour: string, scheme: keyof typeof BACKGROUNDS): string | undefined {
  const background = BACKGROUNDS[scheme];
  const ratio = contrastRatio(colour, background);
  if (ratio >= 4.5) return undefined;
  return `${colour} has a contrast of ${ratio.toFixed(2)}:1 on the ${scheme} background ${background}; links need 4.5:1 (WCAG 2.2 AA). Use ${nearestPassing(colour, background, 4.5)}, the nearest colour of the same hue that passes`;
}
