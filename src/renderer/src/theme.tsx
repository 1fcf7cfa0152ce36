/** Light and dark themes: follow the OS by default, or the user's choice (kept in localStorage). */
import { useEffect, useState } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'dendrite.theme';

function readChoice(): ThemeChoice {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

const listeners = new Set<(choice: ThemeChoice) => void>();

/** For the View menu: changes the theme as the switch would. */
export function setTheme(choice: ThemeChoice): void {
  listeners.forEach((listener) => listener(choice));
}

export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(readChoice);
  useEffect(() => {
    listeners.add(setChoice);
    return () => void listeners.delete(setChoice);
  }, []);
  useEffect(() => {
    const root = document.documentElement;
    if (choice === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', choice);
    localStorage.setItem(KEY, choice);
  }, [choice]);
  return (
    <label className="toolbar__field">
      Theme
      <select value={choice} onChange={(event) => setChoice(event.target.value as ThemeChoice)} aria-label="Theme">
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
