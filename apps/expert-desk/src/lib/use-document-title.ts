import { useEffect } from 'react';

/** Each page names itself in the tab and for screen readers ("Ma file — Lumira Oracle"). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Lumira Oracle`;
  }, [title]);
}
