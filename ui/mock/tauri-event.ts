// Dev-only stand-in for @tauri-apps/api/event (see vite.mock.config.ts).
type Handler = (e: { payload: unknown }) => void
const handlers = new Map<string, Set<Handler>>()
export async function listen(event: string, h: Handler) {
  if (!handlers.has(event)) handlers.set(event, new Set())
  handlers.get(event)!.add(h)
  return () => handlers.get(event)!.delete(h)
}
export function emit(event: string, payload: unknown) {
  handlers.get(event)?.forEach((h) => h({ payload }))
}
export type UnlistenFn = () => void
