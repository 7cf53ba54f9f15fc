import { reactive, watch } from 'vue'
import { fieldOf } from './fieldErrors'

/**
 * The server's messages at the fields of one form, for `el-form-item :error`.
 * `props` are the form's fields (the DTO's camelCase names); an error about
 * any other field is not taken, and the caller shows it as a toast.
 */
export function useFormErrors(props: readonly string[] | (() => readonly string[])) {
  const errors = reactive<Record<string, string>>({})
  const fields = () => (typeof props === 'function' ? props() : props)

  /** Clears one field's message, or all of them. */
  function clear(prop?: string) {
    for (const k of prop === undefined ? Object.keys(errors) : [prop]) delete errors[k]
  }

  /** Shows the error at its field; false when it belongs to no field of this form. */
  function take(err: unknown): boolean {
    const at = fieldOf(err, fields())
    if (!at) return false
    errors[at.prop] = at.message
    return true
  }

  /**
   * Drops a field's message once the user edits that field. Fields in `skip`
   * have their own as-you-type check that sets and clears their message.
   */
  function clearOnEdit(form: object, skip: readonly string[] = []) {
    for (const k of fields()) {
      if (skip.includes(k)) continue
      watch(() => JSON.stringify((form as Record<string, unknown>)[k]), () => clear(k))
    }
  }

  return { errors, clear, take, clearOnEdit }
}
