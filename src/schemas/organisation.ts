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
import { DurationSchema } from './timeline.ts';

/** An http(s) URL or an e-mail address. */
const AddressSchema = z.union([EmailSchema, WebUrlSchema], {
  error: 'must be an e-mail address or an https:// URL',
});

/**
 * A named place with an optional address: a mailing list, a blog, a forum, a CNA, a platform.
 * The one shape many lists of the policy share.
 */
export const PlaceSchema = z.strictObject({
  /** What it is, e.g. `Rust security announcements mailing list`. */
  name: NameSchema,
  /** Where it is: an https:// URL or an e-mail address. Default: none. */
  address: AddressSchema.optional(),
  /** A sentence about it, e.g. `low traffic; receives the announcement the moment the embargo lifts`. Default: none. */
  note: ProseSchema.optional(),
});

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

/** An encryption key: a PGP key (by fingerprint or key id) or an S/MIME certificate. */
export const KeySchema = z
  .strictObject({
    /** `pgp` or `smime`. Default: pgp. */
    kind: z.enum(['pgp', 'smime']).default('pgp'),
    /** Whose key it is, e.g. `Security team` or a member's name. Default: the security team's. */
    owner: NameSchema.optional(),
    /** Full fingerprint, e.g. `E27D 4AA0 1651 72CB C5D2 AF2B 125F 5C67 DFE9 4084`. */
    fingerprint: z
      .string()
      .regex(
        /^(?:[0-9A-Fa-f]{4} ?){10}$|^(?:[0-9A-Fa-f]{2}:?){20,32}$/,
        'must be a full fingerprint: 40 hexadecimal digits, optionally grouped by spaces (PGP), or colon-separated pairs (S/MIME)',
      )
      .optional(),
    /** Short or long PGP key id, e.g. `0xEFB9860AE7520DAC`; a key id is not a fingerprint and is shown as a key id. */
    keyId: z
      .string()
      .regex(
        /^0x(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{16})$/,
        'must be a key id such as 0xEFB9860AE7520DAC (0x and 8 or 16 hexadecimal digits)',
      )
      .optional(),
    /** Where the key can be downloaded. */
    url: WebUrlSchema.optional(),
    /** Where the key can be found otherwise, e.g. `most commonly used key servers`. */
    keyServers: TextSchema.optional(),
    /** True when the key is sent on request instead of published. */
    onRequest: z.literal(true).optional(),
  })
  .refine((key) => key.fingerprint ?? key.keyId ?? key.url ?? key.onRequest, {
    message: 'give a fingerprint, a keyId, a url, or onRequest: true',
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

export const CHANNEL_KINDS = ['email', 'github', 'platform', 'form'] as const;

/** One way to report: e-mail, GitHub private reporting, a bug-bounty platform, or any web form. */
export const ChannelSchema = z
  .strictObject({
    /** `email`, `github` (private vulnerability reporting), `platform` (HackerOne, Bugcrowd, Intigriti, ...) or `form`. */
    kind: z.enum(CHANNEL_KINDS),
    /** The e-mail address (kind email). */
    address: EmailSchema.optional(),
    /**
     * The web address (platform and form; for github, one repository's form, e.g.
     * `https://github.com/electron/electron/security/advisories/new`; default: each project's own).
     */
    url: WebUrlSchema.optional(),
    /** Its name, e.g. `HackerOne` or `Jenkins Jira (SECURITY project)`. Default: from the kind. */
    name: NameSchema.optional(),
    /** The channel to use first; at most one. Default: the first listed. */
    primary: z.boolean().default(false),
    /** Who it is for, when not everyone, e.g. `Hardware vendors`. Default: everyone. */
    audience: TextSchema.optional(),
    /** A sentence about it, e.g. `use a descriptive subject line; the address receives much spam`. */
    note: ProseSchema.optional(),
  })
  .superRefine((channel, ctx) => {
    const need = (key: 'address' | 'url', why: string) => {
      if (!channel[key]) ctx.addIssue({ code: 'custom', path: [key], message: why });
    };
    if (channel.kind === 'email') need('address', 'an email channel needs address: security@example.org');
    if (channel.kind === 'platform' || channel.kind === 'form') {
      need('url', `a ${channel.kind} channel needs url: where reporters go`);
      if (!channel.name)
        ctx.addIssue({
          code: 'custom',
          path: ['name'],
          message: `a ${channel.kind} channel needs name, e.g. "HackerOne"`,
        });
    }
    if (channel.kind !== 'email' && channel.address)
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: `only an email channel has an address; use url for a ${channel.kind} channel`,
      });
  });

/** How to report a vulnerability. */
export const ReportingSchema = z
  .strictObject({
    /** The security e-mail address: shorthand for an email channel listed first. Default: none. */
    email: EmailSchema.optional(),
    /** Encryption for reports (one PGP key): shorthand for a key in keys. Default: none offered. */
    pgp: PgpSchema.optional(),
    /** Offer GitHub private vulnerability reporting on each project's repository: shorthand for a github channel. Default: false. */
    githubPrivateReporting: z.boolean().default(false),
    /** Every way to report, in order. Default: none besides the shorthands. */
    channels: z.array(ChannelSchema).default([]),
    /**
     * `false` when reports must not come by e-mail: the site, the footer, SECURITY.md and
     * security.txt then say so and list no address. Default: true.
     */
    acceptsEmail: z.boolean().default(true),
    /** Encryption keys: the team's, or one per member. Default: none besides `pgp`. */
    keys: z.array(KeySchema).default([]),
    /** Whether encryption is `optional` or `required`. Default: optional. */
    encryption: z.enum(['optional', 'required']).default('optional'),
    /** What a report should contain, one item each. */
    include: z.array(TextSchema).default([]),
    /** How reporters should behave: testing rules, what not to send, AI-generated and bulk reports. Default: none. */
    conduct: z.array(ProseSchema).default([]),
    /** What to do when no reply comes: when, and whom to try next, in order. Default: none. */
    escalation: z
      .strictObject({
        /** When to escalate, e.g. `If you have had no reply within 48 hours`. */
        when: ProseSchema,
        /** Whom or where to try, in order. */
        steps: z.array(PlaceSchema).min(1),
      })
      .optional(),
    /** Channels for named audiences. Default: none. */
    alternatives: z.array(AlternativeChannelSchema).default([]),
  })
  .superRefine((r, ctx) => {
    if (!r.email && !r.githubPrivateReporting && r.channels.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['channels'],
        message:
          'give reporters a private channel: email, githubPrivateReporting: true, or a channels list (email, github, platform or form)',
      });
    if (!r.acceptsEmail) {
      if (r.email)
        ctx.addIssue({
          code: 'custom',
          path: ['email'],
          message: 'acceptsEmail is false, so remove email (or set acceptsEmail: true)',
        });
      r.channels.forEach((c, i) => {
        if (c.kind === 'email')
          ctx.addIssue({
            code: 'custom',
            path: ['channels', i, 'kind'],
            message: 'acceptsEmail is false, so an email channel contradicts it; remove one of them',
          });
      });
    }
    if (r.channels.filter((c) => c.primary).length > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['channels'],
        message: 'more than one channel says primary: true; keep one',
      });
    if (r.encryption === 'required' && !r.pgp && r.keys.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['encryption'],
        message: 'encryption is required but no key is given; add keys (or pgp)',
      });
  })
  .transform((r) => {
    // The shorthands join the lists, so every renderer reads one list of channels and one of keys.
    const channels: Channel[] = [
      ...(r.email ? [{ kind: 'email' as const, address: r.email, primary: false }] : []),
      ...(r.githubPrivateReporting && !r.channels.some((c) => c.kind === 'github' && !c.url)
        ? [{ kind: 'github' as const, primary: false }]
        : []),
      ...r.channels,
    ];
    const primary = channels.findIndex((c) => c.primary);
    const ordered =
      primary > 0 ? [channels[primary]!, ...channels.filter((_, i) => i !== primary)] : channels;
    const keys: Key[] = [
      ...(r.pgp
        ? [
            {
              kind: 'pgp' as const,
              ...(r.pgp.fingerprint && { fingerprint: r.pgp.fingerprint }),
              ...(r.pgp.keyUrl && { url: r.pgp.keyUrl }),
              ...(r.pgp.keyServers && { keyServers: r.pgp.keyServers }),
              ...(r.pgp.onRequest && { onRequest: r.pgp.onRequest }),
            },
          ]
        : []),
      ...r.keys,
    ];
    return { ...r, channels: ordered, keys };
  });

export type Channel = z.output<typeof ChannelSchema>;
export type Key = z.output<typeof KeySchema>;
export type Place = z.output<typeof PlaceSchema>;

/** Who covers what in the response. */
export const RoleSchema = z.strictObject({
  /** Role name, e.g. `Triage`. */
  name: NameSchema,
  /** What the role does. */
  description: ProseSchema,
  /** Who holds it, when the policy names them. Default: not named. */
  holder: TextSchema.optional(),
});

/** Advance notification to distributors before public disclosure (the single-notice shorthand). */
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

/** The rules of a notification list: who may join, how, what members owe, how they leave it. */
export const NotificationListSchema = z.strictObject({
  /** Who may join, one criterion each. Default: none stated. */
  eligibility: z.array(ProseSchema).default([]),
  /** How to apply, e.g. `E-mail security@example.org saying how you meet each criterion`. */
  apply: ProseSchema.optional(),
  /** What members must do and must not do (embargo terms), one item each. Default: none stated. */
  obligations: z.array(ProseSchema).default([]),
  /** When members are removed, and how membership is reviewed. */
  removal: ProseSchema.optional(),
  /** The members, when the list is public. Default: not published. */
  members: z.array(PlaceSchema).default([]),
});

/** One advance notice: who receives it, how long before the public announcement, for what, saying what. */
export const NoticeSchema = z.strictObject({
  /** Who is notified, e.g. `linux-distros mailing list` or `Private distributors list`, with its address. */
  audience: PlaceSchema,
  /**
   * How long before the public announcement: a duration, a bound or a range, e.g. `72 hours`,
   * `at most 7 days`, `3 to 7 days`, `at least 7 days`, `1 to 4 weeks`. Default: not fixed.
   */
  lead: DurationSchema.optional(),
  /** Severity ids it applies to. Default: every severity. */
  severities: z.array(SlugSchema).optional(),
  /** When it is sent, in words, when not for every issue, e.g. `remotely exploitable or privilege-escalation issues`. */
  when: ProseSchema.optional(),
  /** What the notice contains, one item each. Default: not stated. */
  contents: z.array(ProseSchema).default([]),
  /** Whether the list of recipients is public. Default: not stated. */
  listPublic: z.boolean().optional(),
  /** When the lead time may be shortened or lengthened. Default: none. */
  shortenedWhen: ProseSchema.optional(),
  /** The rules of the list itself. Default: none stated. */
  list: NotificationListSchema.optional(),
});

export const DISCLOSURE_WHEN = ['in-public', 'with-fix', 'after-fix', 'before-fix', 'deadline'] as const;

/** When details become public, for some severities or a named class of issues (or all). */
export const DisclosureRuleSchema = z.strictObject({
  /** Severity ids (or track ids) it applies to. Default: every issue not named by another rule. */
  severities: z.array(SlugSchema).optional(),
  /** Or a class of issues in words, e.g. `Publicly known bugs` or `Fuzz bugs`. */
  issues: TextSchema.optional(),
  /**
   * `in-public` (fixed in the open), `with-fix` (public when the fix is released), `after-fix`
   * (a set time after the fix), `before-fix` (may be disclosed before a fix exists) or `deadline`
   * (public after a set time, fixed or not).
   */
  when: z.enum(DISCLOSURE_WHEN),
  /** The time it allows: how long the release may be held (`with-fix`), the delay (`after-fix`) or the deadline. */
  within: DurationSchema.optional(),
  /** An exception or detail, e.g. `extended to 14 calendar days if the bug is critical`. */
  note: ProseSchema.optional(),
});

/** How fixed vulnerabilities are announced. */
export const AnnouncementSchema = z.strictObject({
  /** Where: mailing lists, a blog, oss-security, an advisory database. */
  where: z.array(PlaceSchema).min(1, 'list at least one place announcements go'),
  /** When, e.g. `within 6 hours of the mailing list, on the Rust blog` or `at 14:00 UTC`. */
  timing: ProseSchema.optional(),
  /** The release-day steps, in order. Default: none stated. */
  steps: z.array(ProseSchema).default([]),
});

/** Coordinated disclosure. */
export const DisclosureSchema = z
  .strictObject({
    /** Days from report to public disclosure at the latest. Default: no fixed window. */
    windowDays: z.number().int().positive().optional(),
    /** What happens when no fix is ready in time. Default: none. */
    whenWindowPasses: ProseSchema.optional(),
    /** When details become public, per severity or class of issue. Default: none stated. */
    rules: z.array(DisclosureRuleSchema).default([]),
    /** One advance notice (shorthand for one entry of advanceNotices). Default: none. */
    advanceNotice: AdvanceNoticeSchema.optional(),
    /** Advance notices, each with its audience, lead time and rules. Default: none. */
    advanceNotices: z.array(NoticeSchema).default([]),
    /** How fixes are announced. Default: not stated. */
    announcement: AnnouncementSchema.optional(),
    /** Roles in the response. Default: none listed. */
    roles: z.array(RoleSchema).default([]),
  })
  .transform((d) => ({
    ...d,
    // The shorthand joins the list, so every renderer reads one list of notices.
    advanceNotices: [
      ...(d.advanceNotice
        ? [
            {
              audience: { name: d.advanceNotice.recipients },
              lead: `${d.advanceNotice.approximate ? 'about ' : ''}${d.advanceNotice.leadDays} ${d.advanceNotice.leadDays === 1 ? 'day' : 'days'}`,
              contents: d.advanceNotice.contents,
              listPublic: d.advanceNotice.listPublic,
              ...(d.advanceNotice.shortenedWhen && { shortenedWhen: d.advanceNotice.shortenedWhen }),
            } satisfies Notice,
          ]
        : []),
      ...d.advanceNotices,
    ],
  }));

export type Notice = z.output<typeof NoticeSchema>;
export type DisclosureRule = z.output<typeof DisclosureRuleSchema>;

/** The CVE stance. */
export const CveSchema = z.strictObject({
  /**
   * `cna`: the organisation is a CVE Numbering Authority and assigns ids; `via-cna`: ids come
   * through another CNA (name it in cna); `on-request`: none are assigned, a reporter may ask cna
   * for one; `none`: CVE ids are neither assigned nor required.
   */
  assigns: z.enum(['cna', 'via-cna', 'on-request', 'none']),
  /** The CNA that assigns them, when another one does (or the organisation's own CNA's name). */
  cna: PlaceSchema.optional(),
  /** Which issues get a CVE, e.g. `every accepted vulnerability`. Default: not stated. */
  which: ProseSchema.optional(),
  /** When CVE records are published, e.g. `after the advisory is published`. Default: not stated. */
  published: ProseSchema.optional(),
});

/** The CVSS stance. */
export const CvssStanceSchema = z.strictObject({
  /**
   * `bands`: severities follow CVSS score bands (severities.yaml); `scores`: scores are given but
   * do not decide the severity; `none`: CVSS is not used.
   */
  use: z.enum(['bands', 'scores', 'none']),
  /** The CVSS version used, e.g. `3.1` or `4.0`. Default: not stated. */
  version: z.enum(['2.0', '3.0', '3.1', '4.0']).optional(),
  /** How it is used, e.g. `the fix lead makes the final call; speed beats precision`. */
  note: ProseSchema.optional(),
});

/** A bug-bounty programme, or the lack of one. */
export const BugBountySchema = z
  .strictObject({
    /** `none`, `active` or `ended`. */
    status: z.enum(['none', 'active', 'ended']),
    /** Who runs it (a third party such as the Internet Bug Bounty), with its address. */
    operator: PlaceSchema.optional(),
    /** Reward tiers, e.g. `{ name: Critical, reward: "up to $5,000" }`. Default: none. */
    tiers: z.array(z.strictObject({ name: NameSchema, reward: TextSchema })).default([]),
    /** A sentence, e.g. `We do not pay for reports, but credit every reporter`. */
    note: ProseSchema.optional(),
  })
  .refine((b) => b.status === 'active' || b.tiers.length === 0, {
    message: 'only an active bug bounty has reward tiers',
    path: ['tiers'],
  });

/** A member of the security team. */
export const MemberSchema = z.strictObject({
  /** Name, e.g. `Steve Klabnik`. */
  name: NameSchema,
  /** Role, e.g. `Security coordinator`. Default: none. */
  role: TextSchema.optional(),
  /** Affiliation, e.g. `Linux Foundation Fellow`. Default: none. */
  affiliation: TextSchema.optional(),
  /** How to reach them directly: an e-mail or an https:// URL. Default: not listed. */
  contact: AddressSchema.optional(),
  /** Their encryption keys. Default: none. */
  keys: z.array(KeySchema).default([]),
});

/** Who handles reports: membership, duties, members. */
export const TeamSchema = z.strictObject({
  /** The team's name, e.g. `Python Security Response Team (PSRT)`. */
  name: NameSchema,
  /** What it is and does, in a sentence or two. */
  about: ProseSchema.optional(),
  /** Who can become a member, one criterion each. Default: none stated. */
  membership: z.array(ProseSchema).default([]),
  /** How to join. Default: not stated. */
  apply: ProseSchema.optional(),
  /** What members do, one duty each. Default: none stated. */
  duties: z.array(ProseSchema).default([]),
  /** Members, when the policy names them. Default: none. */
  members: z.array(MemberSchema).default([]),
});

/** Another address readers may need: an e-mail address or a web page (a forum, an issue form). */
export const ContactSchema = z
  .strictObject({
    /** What it is for, e.g. `General inquiries`. */
    label: NameSchema,
    /** Its e-mail address. */
    email: EmailSchema.optional(),
    /** Or its web address, e.g. a discussion group. */
    url: WebUrlSchema.optional(),
  })
  .refine((c) => (c.email === undefined) !== (c.url === undefined), {
    message: 'give either email or url',
    path: ['email'],
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

export const OrganisationSchema = z
  .strictObject({
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
      /** What counts as a vulnerability, one item each. Default: none stated. */
      inScope: z.array(ProseSchema).default([]),
      /** The threat model: trust boundaries and what an attacker is assumed to control (URLs are linked). Default: none. */
      threatModel: ProseSchema.optional(),
      /** What to report upstream instead, and what to do when unsure. Default: none. */
      upstream: ProseSchema.optional(),
      /** Things that are not vulnerabilities under this policy. Default: none. */
      outOfScope: z.array(ProseSchema).default([]),
    }),
    /** How to report. */
    reporting: ReportingSchema,
    /** Advisory ids: `<idPrefix>-<year>-<sequence>`, e.g. `MEVTC` gives `MEVTC-2026-0001`. Required with advisoryIds: prefix. */
    advisoryPrefix: z
      .string()
      .regex(/^[A-Z][A-Z0-9]*$/, 'must be upper-case letters and digits, e.g. "EXAMPLE"')
      .optional(),
    /**
     * How advisories are named: `prefix` (`<advisoryPrefix>-<year>-<sequence>`), `cve` (by their
     * CVE id; its year need not be the publication year) or `any` (an existing scheme such as
     * `GHSA-...` or `RUSTSEC-...`). Default: prefix.
     */
    advisoryIds: z.enum(['prefix', 'cve', 'any']).default('prefix'),
    /** Coordinated disclosure. */
    disclosure: DisclosureSchema,
    /** The security team: membership, duties, members and their keys. Default: not described. */
    team: TeamSchema.optional(),
    /** The CVE stance. Default: not stated. */
    cve: CveSchema.optional(),
    /** The CVSS stance. Default: `bands` when severities.yaml gives CVSS bands, else not stated. */
    cvss: CvssStanceSchema.optional(),
    /** The severity scale's name, e.g. `Severity` or `Track`: the severity table's heading. Default: Severity. */
    severityScale: NameSchema.default('Severity'),
    /** The bug-bounty programme, or `status: none`. Default: not stated. */
    bugBounty: BugBountySchema.optional(),
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
  })
  .refine((o) => o.advisoryIds !== 'prefix' || o.advisoryPrefix, {
    message:
      'is required for ids named <advisoryPrefix>-<year>-<sequence>; set it (e.g. "EXAMPLE"), or set advisoryIds: cve or any',
    path: ['advisoryPrefix'],
  });

export type Organisation = z.output<typeof OrganisationSchema>;
