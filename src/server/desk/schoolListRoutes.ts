import type { FastifyReply } from "fastify";
import { HttpError, tooLarge } from "../httpErrors";
import { FORM_OVERHEAD, readForm } from "../submissionRoutes";
import { actorOf, type DeskContext } from "./deskContext";
import { latestSubmissions } from "./latestSubmissions";
import type { DeskListCheck, SchoolListKind } from "./schoolListCheck";
import type { SchoolListMeta } from "./schoolListStore";

/**
 * PUT and DELETE /api/desk/roster and /api/desk/captured (the school-wide lists, audited), GET
 * /api/desk/lists (what is stored) and GET /api/desk/checks (every college's latest rows checked by the
 * engine against them).
 */

/** A school's whole roster is bigger than one college's list: four times the upload limit. */
export const LIST_SIZE_FACTOR = 4;

const NAMES: Record<SchoolListKind, string> = { roster: "学籍名单", captured: "已采集名单" };
const EXTENSIONS = /\.(xlsx|xls|csv)$/i;

export interface DeskListInfo {
  uploadedAt: string;
  by: string;
  students: number;
  fileName: string;
}

export type DeskLists = Partial<Record<SchoolListKind, DeskListInfo>>;

function info(meta: SchoolListMeta): DeskListInfo {
  return { uploadedAt: meta.uploadedAt, by: meta.by, students: meta.students, fileName: meta.fileName };
}

export function registerDeskSchoolListRoutes(ctx: DeskContext): void {
  const { app, guard, campaigns, uploads, audit, logger, now, schoolLists, maxUploadBytes } = ctx;
  const maxBytes = maxUploadBytes * LIST_SIZE_FACTOR;
  const bodyLimit = maxBytes + FORM_OVERHEAD;
  // One change of a list at a time: the file and its metadata are written as a pair.
  let writing: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = writing.then(work, work);
    writing = run.catch(() => undefined);
    return run;
  };

  for (const kind of ["roster", "captured"] as const) {
    app.put(
      `/api/desk/${kind}`,
      {
        onRequest: async (req) => {
          const declared = Number(req.headers["content-length"] ?? NaN);
          if (declared > bodyLimit) throw tooLarge(maxBytes);
        },
        preHandler: async (req) => {
          await guard.authorize(req);
          if (!req.isMultipart())
            throw new HttpError(415, `请以 multipart/form-data 表单上传${NAMES[kind]}文件`);
        },
      },
      async (req, reply: FastifyReply) => {
        const user = req.deskUser as NonNullable<typeof req.deskUser>;
        const form = await readForm(req, maxBytes);
        if (!form.file || form.file.length === 0)
          throw new HttpError(400, `表单有误：缺少${NAMES[kind]}文件（字段 file）`);
        const fileName = (form.fileName ?? "").trim() || `${NAMES[kind]}.xlsx`;
        if (!EXTENSIONS.test(fileName))
          throw new HttpError(415, `${NAMES[kind]}应为 Excel（.xlsx、.xls）或 CSV 文件`);
        const { campaign } = await campaigns.current();
        const bytes = new Uint8Array(form.file.buffer, form.file.byteOffset, form.file.byteLength);
        let students: number;
        try {
          students = await uploads.schoolList(kind, { bytes: new Uint8Array(bytes), fileName }, campaign);
        } catch (err) {
          if ((err as Error).name === "ListUnusable") throw new HttpError(422, (err as Error).message);
          throw err;
        }
        const meta: SchoolListMeta = { uploadedAt: now().toISOString(), by: user.name, students, fileName };
        await serial(() => schoolLists.save(kind, bytes, meta));
        audit.record({
          at: meta.uploadedAt,
          actor: actorOf(user),
          action: `${kind}.upload`,
          detail: `${fileName}，${students} 人`,
        });
        logger.info(
          { list: kind, students, bytes: bytes.length, desk: user.name },
          "desk: school list stored",
        );
        return reply.code(200).send(info(meta));
      },
    );

    app.delete(`/api/desk/${kind}`, async (req, reply: FastifyReply) => {
      const user = await guard.authorize(req);
      const had = await serial(() => schoolLists.remove(kind));
      if (!had) throw new HttpError(404, `还没有上传${NAMES[kind]}`);
      audit.record({ at: now().toISOString(), actor: actorOf(user), action: `${kind}.delete` });
      logger.info({ list: kind, desk: user.name }, "desk: school list removed");
      return reply.code(204).send();
    });
  }

  app.get("/api/desk/lists", async (req): Promise<DeskLists> => {
    await guard.authorize(req);
    const [roster, captured] = await Promise.all([schoolLists.meta("roster"), schoolLists.meta("captured")]);
    return { ...(roster ? { roster: info(roster) } : {}), ...(captured ? { captured: info(captured) } : {}) };
  });

  app.get("/api/desk/checks", async (req): Promise<DeskListCheck[]> => {
    await guard.authorize(req);
    const [roster, captured] = await Promise.all([schoolLists.read("roster"), schoolLists.read("captured")]);
    if (!roster && !captured) return [];
    const { campaign } = await campaigns.current();
    const submissions = await latestSubmissions(ctx, campaign);
    try {
      return await uploads.schoolListChecks({
        campaign,
        submissions,
        ...(roster ? { roster } : {}),
        ...(captured ? { captured } : {}),
      });
    } catch (err) {
      // A stored list that no longer reads (a changed campaign's header, say): said, never a 500.
      if ((err as Error).name === "ListUnusable") throw new HttpError(409, (err as Error).message);
      throw err;
    }
  });
}
