/**
 * dendrite verify results.json project.dendrite.json [--lesson L.lesson.json]: re-runs a lesson's
 * recorded goals (see lessons/verify.ts) and prints one line per step. Exit 0 verified,
 * 1 refused (the lines say why), 2 unreadable input.
 */
import { createReferenceBackend } from '../kernels/reference';
import { findShippedLesson } from '../lessons/catalogue';
import type { Lesson } from '../lessons/format';
import { parseLessonText } from '../lessons/schema';
import { verifyResults } from '../lessons/verify';
import { UsageError, type ParsedArgs } from './args';
import type { CliIo } from './io';

export const VERIFY_OPTIONS = ['lesson'];

function readText(path: string, io: CliIo, what: string): string {
  try {
    return io.readText(path);
  } catch (error) {
    throw new UsageError(`${what} ${path}: cannot read the file (${(error as Error).message.split('\n')[0]})`);
  }
}

export async function verifyCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const [resultsPath, projectPath] = args.positional;
  if (!resultsPath || !projectPath) throw new UsageError('verify needs two files: dendrite verify results.json project.dendrite.json');
  const resultsText = readText(resultsPath, io, 'results');
  const projectText = readText(projectPath, io, 'project');
  let teacherLesson: Lesson | null = null;
  const lessonPath = args.options.get('lesson');
  if (lessonPath) {
    const parsed = parseLessonText(readText(lessonPath, io, 'lesson'));
    if (!parsed.ok) throw new UsageError(`lesson ${lessonPath}: ${parsed.error}`);
    teacherLesson = parsed.lesson;
  }
  // A lesson file given on the command line wins over a shipped lesson of the same id.
  const findLesson = (id: string) => (teacherLesson?.id === id ? teacherLesson : findShippedLesson(id));
  io.stderr('backend: reference (one thread: lesson runs are recorded on it and reproduce bit for bit)\n');
  const report = await verifyResults(resultsText, projectText, {
    findLesson,
    backend: createReferenceBackend('float32'),
    progress: (text) => io.stderr(`${text}…\n`),
  });
  if (report.status === 'unreadable') throw new UsageError(report.error);
  io.stdout(`lesson: ${report.lesson}\n`);
  for (const line of report.lines) io.stdout(`${line.ok ? '✓' : '✗'} ${line.text}\n`);
  if (report.status === 'verified') {
    io.stdout('verified: every goal is met, and every recorded run reproduces its metrics exactly.\n');
    return 0;
  }
  io.stdout(`refused: ${report.lines.filter((l) => !l.ok).length} problem(s) above.\n`);
  return 1;
}
