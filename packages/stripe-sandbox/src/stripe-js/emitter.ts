export type Handler = ((payload: unknown) => void) & { original?: Handler };

/** The listeners of one element (`on`/`off`/`once`); a throwing listener does not stop the others. */
export class Emitter {
  private readonly listeners = new Map<string, Handler[]>();

  on(event: string, handler: Handler): void {
    const list = this.listeners.get(event) ?? [];
    list.push(handler);
    this.listeners.set(event, list);
  }

  off(event: string, handler?: Handler): void {
    if (!handler) this.listeners.delete(event);
    else
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((l) => l !== handler && l.original !== handler),
      );
  }

  has(event: string, handler: Handler): boolean {
    return (this.listeners.get(event) ?? []).includes(handler);
  }

  list(event: string): Handler[] {
    return [...(this.listeners.get(event) ?? [])];
  }

  emit(event: string, payload: unknown): void {
    for (const handler of this.list(event)) {
      try {
        handler(payload);
      } catch (err) {
        setTimeout(() => {
          throw err;
        });
      }
    }
  }
}
