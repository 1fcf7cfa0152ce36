/**
 * Error analysis as the course teaches it: the student names categories of mistakes ("blurry",
 * "mislabelled"…) and tags dev examples with them, then reads how many mistakes each category
 * explains — the ceiling on what fixing it could gain. Tags name an example by its row in the
 * dataset (and, for a generator, by the settings that made it), so they survive a new split or
 * another run. Categories and tags are saved in the project; which category is active is not.
 */
import { create } from 'zustand';
import type { ProjectFile } from '../../../shared/project';

export const MAX_CATEGORIES = 30;
export const MAX_CATEGORY_LENGTH = 40;

export interface ErrorAnalysisState {
  categories: string[];
  /** Dataset key → example row → its categories. */
  tags: Record<string, Record<number, string[]>>;
  /** The category a click on an example toggles. */
  active: string | null;
}

export type SavedErrorAnalysis = NonNullable<ProjectFile['errorAnalysis']>;

export const useErrorAnalysis = create<ErrorAnalysisState>()(() => ({ categories: [], tags: {}, active: null }));

/** Why a name cannot be a new category, or null when it can. */
export function categoryProblem(name: string, categories: readonly string[]): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Type a name for the category.';
  if (trimmed.length > MAX_CATEGORY_LENGTH) return `At most ${MAX_CATEGORY_LENGTH} characters.`;
  if (categories.some((c) => c.toLowerCase() === trimmed.toLowerCase())) return `There is a “${trimmed}” category already.`;
  if (categories.length >= MAX_CATEGORIES) return `At most ${MAX_CATEGORIES} categories.`;
  return null;
}

export function addCategory(name: string): void {
  const { categories } = useErrorAnalysis.getState();
  if (categoryProblem(name, categories)) return;
  const trimmed = name.trim();
  useErrorAnalysis.setState({ categories: [...categories, trimmed], active: trimmed });
}

export function removeCategory(name: string): void {
  useErrorAnalysis.setState((s) => {
    const tags: ErrorAnalysisState['tags'] = {};
    for (const [dataset, rows] of Object.entries(s.tags)) {
      const kept: Record<number, string[]> = {};
      for (const [row, categories] of Object.entries(rows)) {
        const left = categories.filter((c) => c !== name);
        if (left.length) kept[Number(row)] = left;
      }
      tags[dataset] = kept;
    }
    return { categories: s.categories.filter((c) => c !== name), tags, active: s.active === name ? null : s.active };
  });
}

export function toggleTag(dataset: string, row: number, category: string): void {
  useErrorAnalysis.setState((s) => {
    const rows = { ...(s.tags[dataset] ?? {}) };
    const current = rows[row] ?? [];
    const next = current.includes(category) ? current.filter((c) => c !== category) : [...current, category];
    if (next.length) rows[row] = next;
    else delete rows[row];
    return { tags: { ...s.tags, [dataset]: rows } };
  });
}

/** What the project file keeps (nothing when there is nothing to keep). */
export function savedErrorAnalysis(state: Pick<ErrorAnalysisState, 'categories' | 'tags'>): SavedErrorAnalysis | undefined {
  const tags = Object.entries(state.tags).flatMap(([dataset, rows]) =>
    Object.entries(rows).map(([row, categories]) => ({ dataset, example: Number(row), categories: [...categories] })),
  );
  if (state.categories.length === 0 && tags.length === 0) return undefined;
  return { categories: [...state.categories], tags };
}

export function loadErrorAnalysis(saved: SavedErrorAnalysis | undefined): void {
  const tags: ErrorAnalysisState['tags'] = {};
  for (const tag of saved?.tags ?? []) (tags[tag.dataset] ??= {})[tag.example] = [...tag.categories];
  useErrorAnalysis.setState({ categories: [...(saved?.categories ?? [])], tags, active: saved?.categories[0] ?? null });
}
