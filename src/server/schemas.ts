/**
 * The HTTP API's request and response shapes, declared once: Fastify validates requests
 * and serialises responses with them, and @fastify/swagger publishes them at /docs.
 * The JSON bodies are the CLI's `--json` contracts (src/api/types.ts), field for field.
 */
import Type, { type Static } from 'typebox';

const Probability = Type.Number({ minimum: 0, maximum: 1 });
const Offset = Type.Integer({ minimum: 0, description: 'JavaScript string index (UTF-16 code units)' });

export const ErrorReply = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable, machine-readable, e.g. "invalid-request"' }),
      message: Type.String({ description: 'what went wrong and what to do, for people' }),
    }),
  },
  { description: 'Every error, whatever the route' },
);

export const AnalyzeRequest = Type.Object(
  {
    text: Type.String({
      description: 'the text to analyse (an HTML page when format is "html", markdown when "markdown")',
    }),
    minConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1, default: 0.5 })),
    format: Type.Optional(
      Type.Union([Type.Literal('text'), Type.Literal('html'), Type.Literal('markdown')], {
        default: 'text',
        description:
          'html: the page is reduced to its main article text, which the reply includes; markdown: only its prose is read, offsets refer to the markdown as sent and restore leaves its markup as it was',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AnalyzeRequest = Static<typeof AnalyzeRequest>;

const ExtractedText = Type.Optional(
  Type.String({ description: 'only for format "html": the article text that offsets refer to' }),
);

export const Finding = Type.Object({
  offset: Offset,
  length: Type.Integer({ minimum: 0 }),
  text: Type.String(),
  suggestions: Type.Array(Type.String(), { description: 'likely originals, most probable first' }),
  confidence: Probability,
  articles: Type.Optional(
    Type.Array(Type.Union([Type.Literal('a'), Type.Literal('an')]), {
      description:
        'given when "a" or "an" stands right before the span: the article each suggestion takes, in order',
    }),
  ),
});

export const CheckReply = Type.Object({
  spinProbability: Probability,
  verdict: Type.Union([Type.Literal('spun'), Type.Literal('clean'), Type.Literal('uncertain')]),
  words: Type.Integer({ minimum: 0 }),
  findings: Type.Array(Finding, { description: 'sorted by offset, never overlapping' }),
  knownTorturedPhrases: Type.Array(Type.String(), {
    description:
      'tortured phrases of the Problematic Paper Screener list found as written (two or more different ones make the text spun)',
  }),
  listedTermReadings: Type.Integer({
    minimum: 0,
    description:
      'different established terms the findings read the text as with confidence >= 0.5, weighed before this count: unseen tortured phrases read back (three or more make a text of up to about 6,700 words spun, a longer one needs more, and then raise the confidence of every such reading, so the findings may show more)',
  }),
  spunAt: Type.Number({
    minimum: 0,
    maximum: 1,
    description:
      'the spin probability from which this text is called spun: the article bar, or a higher one for a short text, which carries less evidence',
  }),
  text: ExtractedText,
});

export const RestoreReply = Type.Object({
  restored: Type.String(),
  changes: Type.Array(
    Type.Object({
      offset: Offset,
      length: Type.Integer({ minimum: 0 }),
      text: Type.String(),
      replacement: Type.String(),
      confidence: Probability,
    }),
  ),
  text: ExtractedText,
});

/** How a source text is read (plain text when absent); no default, which a reply would then carry. */
const TextOrMarkdown = (description: string) =>
  Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('markdown')], { description }));

export const FindRequest = Type.Object(
  {
    text: Type.String({ description: 'the suspicious text' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 5 })),
    format: TextOrMarkdown(
      'markdown: only its prose is searched (link targets and code are no evidence of copying); offsets still refer to the markdown as sent',
    ),
  },
  { additionalProperties: false },
);
export type FindRequest = Static<typeof FindRequest>;

const DocumentFields = {
  id: Type.String({ minLength: 1, maxLength: 1024 }),
  text: Type.String(),
  title: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  date: Type.Optional(Type.String()),
  format: TextOrMarkdown(
    'markdown: read by its prose for fingerprints and evidence (link targets and code are no evidence of copying); stored as sent',
  ),
};

export const FindReply = Type.Object({
  matches: Type.Array(
    Type.Object({
      id: Type.String(),
      score: Probability,
      coverage: Probability,
      title: Type.Optional(Type.String()),
      url: Type.Optional(Type.String()),
      date: Type.Optional(Type.String()),
      evidence: Type.Array(
        Type.Object({
          queryOffset: Offset,
          queryLength: Type.Integer({ minimum: 0 }),
          sourceOffset: Offset,
          sourceLength: Type.Integer({ minimum: 0 }),
          swaps: Type.Array(Type.Object({ query: Type.String(), source: Type.String() })),
        }),
      ),
    }),
  ),
});

export const SourceDocument = Type.Object(DocumentFields);

export const AddRequest = Type.Object(
  {
    documents: Type.Array(Type.Object(DocumentFields, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 10_000,
    }),
  },
  { additionalProperties: false },
);
export type AddRequest = Static<typeof AddRequest>;

export const AddReply = Type.Object({
  added: Type.Integer(),
  replaced: Type.Integer(),
  unchanged: Type.Integer(),
});

export const RemoveReply = Type.Object({ id: Type.String(), removed: Type.Literal(true) });

export const DocumentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 1024 }) });
export type DocumentParams = Static<typeof DocumentParams>;

export const IndexStats = Type.Object({
  documents: Type.Integer(),
  fingerprints: Type.Integer(),
  bytes: Type.Integer(),
});

export const HealthReply = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
  workers: Type.Object({
    threads: Type.Integer({ description: 'worker threads doing the analysis' }),
    queued: Type.Integer({ description: 'requests waiting for a free worker' }),
  }),
});

/** LanguageTool's `/v2/check` form fields; the many other options it takes are accepted and ignored. */
export const LanguageToolRequest = Type.Object(
  {
    text: Type.Optional(Type.String({ description: 'the text to check (or use data)' })),
    data: Type.Optional(
      Type.String({
        description: 'AnnotatedText JSON: {"annotation": [{"text"}, {"markup", "interpretAs"}]}',
      }),
    ),
    language: Type.String({ description: 'a language code such as en-US, or auto' }),
    preferredVariants: Type.Optional(
      Type.String({ description: 'with language=auto: variants to answer with, e.g. en-GB,de-AT' }),
    ),
  },
  { additionalProperties: true },
);
export type LanguageToolRequest = Static<typeof LanguageToolRequest>;

export const LanguageToolLanguages = Type.Array(
  Type.Object({ name: Type.String(), code: Type.String(), longCode: Type.String() }),
);

export const LanguageToolReply = Type.Object({
  software: Type.Object({
    name: Type.String(),
    version: Type.String(),
    buildDate: Type.String(),
    apiVersion: Type.Integer(),
    premium: Type.Boolean(),
    status: Type.String(),
  }),
  warnings: Type.Object({ incompleteResults: Type.Boolean() }),
  language: Type.Object({
    name: Type.String(),
    code: Type.String(),
    detectedLanguage: Type.Object({ name: Type.String(), code: Type.String(), confidence: Type.Number() }),
  }),
  matches: Type.Array(
    Type.Object({
      message: Type.String(),
      shortMessage: Type.String(),
      replacements: Type.Array(Type.Object({ value: Type.String() })),
      offset: Offset,
      length: Type.Integer({ minimum: 0 }),
      context: Type.Object({ text: Type.String(), offset: Type.Integer(), length: Type.Integer() }),
      sentence: Type.String(),
      type: Type.Object({ typeName: Type.String() }),
      rule: Type.Object({
        id: Type.String(),
        description: Type.String(),
        issueType: Type.String(),
        category: Type.Object({ id: Type.String(), name: Type.String() }),
      }),
      ignoreForIncompleteSentence: Type.Boolean(),
      contextForSureMatch: Type.Integer(),
    }),
  ),
  unspin: Type.Object({
    spinProbability: Probability,
    verdict: Type.String(),
    words: Type.Integer(),
    spunAt: Probability,
  }),
});
