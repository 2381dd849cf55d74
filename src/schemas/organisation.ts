import { z } from 'astro/zod';
import {
  EmailSchema,
  SlugSchema,
  TextSchema,
  ProseSchema,
  TimestampSchema,
  WebUrlSchema,
  NameSchema,
} from './common.ts';
import { accentProblem } from '../lib/contrast.ts';

/** How reporters can encrypt a report. */
export const PgpSchema = z
  .strictObject({
    /** Key fingerprint, shown in groups of four, e.g. `E27D 4AA0 ...`. */
    fingerprint: z
      .string()
      .regex(/^[0-9A-Fa-f ]{16,}$/, 'must be hexadecimal digits, optionally grouped by spaces'),
    /** Where the public key can be downloaded. */
    keyUrl: WebUrlSchema,
    /** Where the key can be found otherwise, e.g. `most commonly used key servers`. */
    keyServers: TextSchema,
    /** True when the key is sent on request instead of published. */
    onRequest: z.literal(true),
  })
  .partial()
  .refine((pgp) => pgp.fingerprint ?? pgp.keyUrl ?? pgp.onRequest, {
    message: 'give a fingerprint, a keyUrl, or onRequest: true',
  });

/** A channel for a named audience, e.g. government agencies. */
export const AlternativeChannelSchema = z.strictObject({
  /** Who may use it, e.g. `US Government agencies and federal contractors`. */
  audience: TextSchema,
  /** How to use it. */
  instructions: ProseSchema,
  /** Address of the channel, if it has one: an e-mail or an http(s) URL. */
  contact: z.union([EmailSchema, WebUrlSchema]).optional(),
});

/** How to report a vulnerability. */
export const ReportingSchema = z
  .strictObject({
    /** The security e-mail address. Default: none (then GitHub private reporting must be on). */
    email: EmailSchema.optional(),
    /** Encryption for reports. Default: none offered. */
    pgp: PgpSchema.optional(),
    /** Offer GitHub private vulnerability reporting on each project's repository. Default: false. */
    githubPrivateReporting: z.boolean().default(false),
    /** What a report should contain, one item each. */
    include: z.array(TextSchema).default([]),
    /** Channels for named audiences. Default: none. */
    alternatives: z.array(AlternativeChannelSchema).default([]),
  })
  .refine((r) => r.email ?? r.githubPrivateReporting, {
    message: 'give an email, or set githubPrivateReporting: true, so reporters have a private channel',
    path: ['email'],
  });

/** Who covers what in the response. */
export const RoleSchema = z.strictObject({
  /** Role name, e.g. `Triage`. */
  name: NameSchema,
  /** What the role does. */
  description: ProseSchema,
  /** Who holds it, when the policy names them. Default: not named. */
  holder: TextSchema.optional(),
});

/** Advance notification to distributors before public disclosure. */
export const AdvanceNoticeSchema = z.strictObject({
  /** Days between the notice and public disclosure. */
  leadDays: z.number().int().positive(),
  /** True when the lead time is approximate ("approximately one week"). Default: false. */
  approximate: z.boolean().default(false),
  /** Who is notified, e.g. `operating-system vendors and other distributors`. */
  recipients: ProseSchema,
  /** What the notice contains, one item each. */
  contents: z.array(TextSchema).default([]),
  /** Whether the list of recipients is public. Default: false. */
  listPublic: z.boolean().default(false),
  /** When the lead time may be shortened. Default: none. */
  shortenedWhen: ProseSchema.optional(),
});

/** Coordinated disclosure. */
export const DisclosureSchema = z.strictObject({
  /** Days from report to public disclosure at the latest. Default: no fixed window. */
  windowDays: z.number().int().positive().optional(),
  /** What happens when no fix is ready in time. Default: none. */
  whenWindowPasses: ProseSchema.optional(),
  /** Advance notice to distributors. Default: none given. */
  advanceNotice: AdvanceNoticeSchema.optional(),
  /** Roles in the response. Default: none listed. */
  roles: z.array(RoleSchema).default([]),
});

/** Another address readers may need. */
export const ContactSchema = z.strictObject({
  /** What it is for, e.g. `General inquiries`. */
  label: NameSchema,
  /** Its e-mail address. */
  email: EmailSchema,
});

/** /.well-known/security.txt (RFC 9116). */
export const SecurityTxtSchema = z.strictObject({
  /** When the file goes stale: between 30 days and a year after the build, or the build fails. Renew it yearly. */
  expires: TimestampSchema,
  /** Language tags reports may be written in, most preferred first. Default: `[en]`. */
  preferredLanguages: z
    .array(
      z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or pt-BR'),
    )
    .min(1)
    .default(['en']),
  /** Where the encryption key is. Default: `reporting.pgp.keyUrl`. */
  encryption: WebUrlSchema.optional(),
  /** Security job openings. Default: none. */
  hiring: WebUrlSchema.optional(),
});

/** How advisories appear in OSV output. */
export const OsvSchema = z.strictObject({
  /**
   * True once `advisoryPrefix` is registered as an OSV database prefix. Until then OSV ids carry the
   * `x_` prefix OSV reserves for unregistered databases (`x_LANTERN-2026-0001`). Default: false.
   */
  registeredPrefix: z.boolean().default(false),
});

/** How advisories appear in CSAF output. */
export const CsafSchema = z.strictObject({
  /** CSAF publisher category: `vendor` for your own projects, else `coordinator`, `discoverer`, `other`, `translator` or `user`. Default: vendor. */
  publisherCategory: z
    .enum(['vendor', 'coordinator', 'discoverer', 'other', 'translator', 'user'])
    .default('vendor'),
});

// content/organisation.yaml: who publishes the policy and how to reach them.
/** An accent colour for links and highlights: WCAG AA's 4.5:1 on its background, since links are text. */
function accentColour(scheme: 'light' | 'dark') {
  return z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb, e.g. "#0b5fff"')
    .superRefine((colour, ctx) => {
      const problem = /^#[0-9a-fA-F]{6}$/.test(colour) ? accentProblem(colour, scheme) : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** How the site looks: the organisation's own colour and logo. */
export const AppearanceSchema = z.strictObject({
  /** Accent colour of links and highlights on the light background, e.g. `"#0b5fff"`. Default: Disclose's blue. */
  accent: accentColour('light').optional(),
  /** Accent colour on the dark background (dark mode), e.g. `"#79c0ff"`. Default: Disclose's light blue. */
  accentDark: accentColour('dark').optional(),
  /** A logo file in the content folder, shown in the header and as the favicon: SVG, PNG or WebP, at most 32 KB. Default: none. */
  logo: z
    .string()
    .regex(
      /^(?!.*(?:^|\/)\.)[A-Za-z0-9_][A-Za-z0-9_./-]*\.(?:svg|png|webp)$/,
      'must be the path of an .svg, .png or .webp file inside the content folder, e.g. "logo.svg"',
    )
    .optional(),
});

export const OrganisationSchema = z.strictObject({
  /** Organisation name, e.g. `MeVTC`. */
  name: NameSchema,
  /** The public URL of the built site (used for links, canonical URLs, SECURITY.md). */
  site: WebUrlSchema,
  /** One or two sentences under the site title. */
  description: ProseSchema,
  /** What the policy covers. */
  scope: z.strictObject({
    /** Sentence introducing the covered projects (the list itself comes from content/projects/). */
    summary: ProseSchema,
    /** What to report upstream instead, and what to do when unsure. Default: none. */
    upstream: ProseSchema.optional(),
    /** Things that are not vulnerabilities under this policy. Default: none. */
    outOfScope: z.array(ProseSchema).default([]),
  }),
  /** How to report. */
  reporting: ReportingSchema,
  /** Advisory ids: `<idPrefix>-<year>-<sequence>`, e.g. `MEVTC` gives `MEVTC-2026-0001`. */
  advisoryPrefix: z
    .string()
    .regex(/^[A-Z][A-Z0-9]*$/, 'must be upper-case letters and digits, e.g. "EXAMPLE"'),
  /** Coordinated disclosure. */
  disclosure: DisclosureSchema,
  /** Other addresses, e.g. general inquiries. Default: none. */
  contacts: z.array(ContactSchema).default([]),
  /**
   * Who can read the repository holding this content folder. With `public` (the default), a draft
   * or embargoed advisory in it is an error: it belongs in the private content folder.
   */
  contentVisibility: z.enum(['public', 'private']).default('public'),
  /** Repository holding this content folder; SECURITY.md files say to edit it there. Default: not linked. */
  contentRepository: WebUrlSchema.optional(),
  /** Slug of the policy page the SECURITY.md files link to. Default: the first policy page. */
  policyPage: SlugSchema.optional(),
  /** /.well-known/security.txt. Default: none is published. */
  securityTxt: SecurityTxtSchema.optional(),
  /** OSV output. Default: unregistered prefix. */
  osv: OsvSchema.default({ registeredPrefix: false }),
  /** CSAF output. Default: publisher category vendor. */
  csaf: CsafSchema.default({ publisherCategory: 'vendor' }),
  /**
   * Which CVSS 4.0 score the severity bands of severities.yaml are checked against: `CVSS-B`, the
   * base metrics alone, or `as-given`, the vector with its threat and environmental metrics
   * (CVSS-BT, -BE, -BTE). Default: `CVSS-B`.
   */
  cvssBands: z.enum(['CVSS-B', 'as-given']).default('CVSS-B'),
  /** The site's accent colours and logo. Default: Disclose's palette, no logo. */
  appearance: AppearanceSchema.default({}),
});

export type Organisation = z.output<typeof OrganisationSchema>;
