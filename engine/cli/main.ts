/**
 * The CLI: `dendrite train | gradcheck | predict | export | inspect | verify`. Exit codes: 0 ok,
 * 1 the run failed (diverged) or the gradient check says "wrong", 2 bad input with a
 * one-line reason on stderr (never a stack trace).
 */
import { parseArgs, UsageError } from './args';
import { exportCommand, EXPORT_OPTIONS } from './export';
import { gradcheckCommand, GRADCHECK_OPTIONS } from './gradcheck';
import { inspectCommand, INSPECT_OPTIONS } from './inspect';
import type { CliIo } from './io';
import { predictCommand, PREDICT_OPTIONS } from './predict';
import { trainCommand, TRAIN_OPTIONS } from './train';
import { transferExampleCommand, TRANSFER_EXAMPLE_OPTIONS } from './transfer-example';
import { searchCommand, SEARCH_OPTIONS } from './search';
import { oneLine } from '../text';
import { verifyCommand, VERIFY_OPTIONS } from './verify';

export const USAGE = `usage:
  dendrite train --spec S.json --data <generator[:m]|path.csv|images.idx,labels.idx> [--epochs N|--iterations N] [--batch B|full]
                 [--lr A] [--optimizer gd|momentum|rmsprop|adam] [--seed S] [--backend native|wasm|reference] [--threads T]
                 [--l2 λ] [--dev F] [--test F] [--normalise none|standardise|minmax] [--patience P]
                 [--export out.model.json] [--from trained.model.json (continue from its weights; --iterations 0 evaluates)]
                 [--transfer source.model.json [--transfer-layers target=source,…]] [--classes 0-4] [--limit N (training examples)]
  dendrite gradcheck --spec S.json --data … [--examples N] [--max-checks K] [--l2 λ]
  dendrite predict --model M.model.json --data …
  dendrite export --model M.model.json --format onnx|pytorch|numpy --out FILE
  dendrite inspect --spec S.json
  dendrite verify results.json project.dendrite.json [--lesson L.lesson.json]   (re-runs a lesson's recorded goals)
  dendrite search --spec S.json --data … --vary lr=1e-4:1:log,beta=0.9:0.999:log,units@h1=16:256 (--iterations N|--epochs N)
                  [--trials 20] [--search-seed 1] [--parallel P] [--zoom earlier.jsonl] [train's options: --optimizer, --dev, …]
                  names: lr, beta (momentum/Adam β₁), beta2, l2, keep (keep_prob), batch, units; one JSON line per trial
  dendrite transfer-example --data images.idx,labels.idx [--subset 50] [--draws 3] [--backend …] [--export-base base.model.json]
generators: flower, moons, circles, spirals, xor, blobs (e.g. --data moons:500)
CSV/TSV: one example per row, label last (quoted cells, tabs, semicolons); --task auto|classification|regression;
     --shape 28x28x1 reads rows as images; --data-seed seeds generators;
     --labels a,b,c takes several yes/no label columns (multi-task: k sigmoid outputs; empty cells are missing labels)
exit codes: 0 ok, 1 run diverged / gradient check wrong / results refused, 2 bad input`;

const COMMANDS = {
  train: { options: TRAIN_OPTIONS, run: trainCommand },
  gradcheck: { options: GRADCHECK_OPTIONS, run: gradcheckCommand },
  predict: { options: PREDICT_OPTIONS, run: predictCommand },
  export: { options: EXPORT_OPTIONS, run: exportCommand },
  inspect: { options: INSPECT_OPTIONS, run: inspectCommand },
  search: { options: SEARCH_OPTIONS, run: searchCommand },
  'transfer-example': { options: TRANSFER_EXAMPLE_OPTIONS, run: transferExampleCommand },
  verify: { options: VERIFY_OPTIONS, positional: 2, run: verifyCommand },
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseArgs(argv, COMMANDS);
    return await COMMANDS[args.command as keyof typeof COMMANDS].run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message === 'usage') {
        io.stdout(`${USAGE}\n`);
        return argv.length === 0 ? 2 : 0;
      }
      io.stderr(`dendrite: ${oneLine(error.message)}\n`);
      return 2;
    }
    io.stderr(`dendrite: internal error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }
}
