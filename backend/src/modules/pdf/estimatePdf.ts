// Estimate PDFs: rendered from the template in the tenant's branding, stored privately, and handed
// out as a signed URL that expires in minutes. The funnel calls createEstimatePdf with a visitor's
// estimate; the Branding page renders a sample (a preview replaces the previous one).
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { files } from '../../db/schema.ts';
import { getWidgetSettings } from '../branding/service.ts';
import { answeredQuestions, DEFAULT_FUNNEL } from '../funnel/funnel.ts';
import { computeEstimate } from '../funnel/pricing.ts';
import type { Answers, FunnelConfig } from '../funnel/schemas.ts';
import { bytesOf, storeObject } from '../storage/files.ts';
import type { ObjectStore } from '../storage/s3Service.ts';
import type { PdfEngine } from './pdfEngine.ts';
import { type EstimateCompany, type EstimateDocument, renderEstimateHtml } from './templates/estimate.ts';

interface Deps {
  db: Database;
  store: ObjectStore;
  pdf: PdfEngine;
  log: { error(object: object, message: string): void };
  signedUrlTtlSeconds: number;
}

export interface SignedLink {
  fileId: string;
  url: string;
  expiresAt: Date;
}

/** The company as the estimate shows it: widget name, colours, contacts, and the logo inlined. */
export async function estimateCompanyOf(deps: Pick<Deps, 'db' | 'store'>, tenantId: string): Promise<EstimateCompany> {
  const settings = await deps.db.withTenant(tenantId, (tx) => getWidgetSettings(tx, tenantId));
  const logo = settings.logoKey ? await deps.store.get(settings.logoKey) : null;
  return {
    name: settings.companyName ?? settings.tenantName,
    logoDataUrl: logo ? `data:${logo.contentType};base64,${(await bytesOf(logo.body)).toString('base64')}` : null,
    primaryColor: settings.primaryColor,
    accentColor: settings.accentColor,
    ...settings.contacts,
    poweredBy: !settings.plan.features.whiteLabel,
  };
}

export const renderEstimatePdf = (pdf: PdfEngine, document: EstimateDocument) =>
  pdf.render(renderEstimateHtml(document));

export async function signEstimate(
  deps: Pick<Deps, 'store' | 'signedUrlTtlSeconds'>,
  file: { id: string; key: string },
  number: string,
): Promise<SignedLink> {
  const url = await deps.store.signedUrl(file.key, {
    ttlSeconds: deps.signedUrlTtlSeconds,
    downloadName: `Смета ${number}.pdf`,
  });
  return { fileId: file.id, url, expiresAt: new Date(Date.now() + deps.signedUrlTtlSeconds * 1000) };
}

export async function createEstimatePdf(
  deps: Deps,
  options: { tenantId: string; document: EstimateDocument; preview?: boolean; createdBy: string | null },
): Promise<SignedLink> {
  const pdf = await renderEstimatePdf(deps.pdf, options.document);
  const kind = options.preview ? 'estimate-preview' : 'estimate';
  const file = await storeObject(
    deps,
    {
      tenantId: options.tenantId,
      kind,
      visibility: 'private',
      data: pdf,
      contentType: 'application/pdf',
      extension: 'pdf',
      createdBy: options.createdBy,
    },
    async (tx, insertRow) => {
      // A tenant keeps one preview: the previous one goes when a new one is made.
      const replaced = options.preview
        ? await tx
            .delete(files)
            .where(and(eq(files.tenantId, options.tenantId), eq(files.kind, 'estimate-preview')))
            .returning({ key: files.key })
        : [];
      return { result: await insertRow(), obsoleteKeys: replaced.map((row) => row.key) };
    },
  );
  return signEstimate(deps, file, options.document.number);
}

/** The answers of the sample: a two-room flat, capital repair, with a design project. */
const SAMPLE_ANSWERS: Answers = {
  objectType: 'secondary',
  repairType: 'capital',
  area: 54,
  rooms: 2,
  replanning: 'no',
  designProject: 'yes',
  timing: 'month',
};

/**
 * What a company's visitors get, for showing the company its PDFs: the sample answers priced by
 * the company's funnel through the same engine, so every line is there and they add up.
 */
export function sampleEstimate(company: EstimateCompany, funnel: FunnelConfig = DEFAULT_FUNNEL, now = new Date()) {
  const answers = sampleAnswersFor(funnel);
  const estimate = computeEstimate(funnel, answers);
  return {
    number: 'ОБРАЗЕЦ',
    date: now,
    company,
    customer: { name: 'Иван Петров', phone: '+79001234567' },
    answers: answeredQuestions(funnel, answers),
    lines: estimate.lines,
    total: estimate.total,
    range: estimate.range,
    note: 'Это образец сметы с вашим оформлением. Посетители сайта получают такие сметы после опроса в виджете.',
  } satisfies EstimateDocument;
}

// A company's own funnel may name its options differently: each unmatched answer takes the
// step's first option.
function sampleAnswersFor(funnel: FunnelConfig): Answers {
  const answers: Answers = { ...SAMPLE_ANSWERS };
  for (const id of ['objectType', 'repairType', 'replanning', 'designProject', 'timing'] as const) {
    const options = funnel.steps[id].options;
    if (!options.some((option) => option.id === answers[id])) answers[id] = options[0]?.id ?? '';
  }
  return answers;
}
