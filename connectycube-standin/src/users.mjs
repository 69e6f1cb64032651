// The stand-in's users: kept in memory and, when a file is given, in that JSON file (mode 600: it
// holds passwords, as ConnectyCube's own chat needs them in clear for SASL PLAIN). Every change is
// handed to `onChange` so the chat server's account follows.
import fs from 'node:fs';
import path from 'node:path';

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The public fields of a user, shaped as ConnectyCube's Users API answers (never the password). */
export function userJson(u) {
  return {
    id: u.id,
    full_name: u.full_name ?? null,
    email: u.email ?? null,
    login: u.login ?? null,
    phone: u.phone ?? null,
    website: u.website ?? null,
    created_at: u.created_at,
    updated_at: u.updated_at,
    last_request_at: u.last_request_at ?? null,
    external_user_id: null,
    external_id: u.external_id ?? null,
    facebook_id: null,
    twitter_id: null,
    blob_id: null,
    custom_data: u.custom_data ?? null,
    avatar: u.avatar ?? null,
    user_tags: u.user_tags ?? null,
    timezone: u.timezone ?? null,
    is_guest: u.is_guest ?? null,
  };
}

const EDITABLE = ['login', 'email', 'full_name', 'phone', 'website', 'custom_data', 'external_id', 'avatar', 'timezone'];

export class UserStore {
  /**
   * @param {object} o
   * @param {string} [o.file]       JSON file to load from and save to (none: memory only)
   * @param {number} [o.firstId]    id of the first user created (default 1001)
   * @param {(event:'set'|'delete', user:object)=>void} [o.onChange]
   */
  constructor({ file, firstId = 1001, onChange } = {}) {
    this.file = file;
    this.onChange = onChange ?? (() => {});
    this.users = new Map();
    this.nextId = firstId;
    if (file && fs.existsSync(file)) {
      const data = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const u of data.users ?? []) this.users.set(u.id, u);
      this.nextId = Math.max(data.nextId ?? firstId, ...[...this.users.keys()].map((id) => id + 1));
    }
  }

  save() {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ nextId: this.nextId, users: [...this.users.values()] }, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }

  all() { return [...this.users.values()].sort((a, b) => a.id - b.id); }

  byId(id) { return this.users.get(Number(id)); }

  byLogin(login) {
    return login == null ? undefined : this.all().find((u) => u.login === String(login));
  }

  byEmail(email) {
    if (email == null) return undefined;
    const e = String(email).toLowerCase();
    return this.all().find((u) => u.email && u.email.toLowerCase() === e);
  }

  /**
   * Validates and creates a user. Returns {user} or {errors} (ConnectyCube's field -> messages shape).
   */
  create(fields) {
    const f = fields ?? {};
    const errors = {};
    const login = f.login == null || f.login === '' ? null : String(f.login);
    const email = f.email == null || f.email === '' ? null : String(f.email);
    if (!login && !email && !f.is_guest) errors.base = ['login or email required'];
    if (login && this.byLogin(login)) errors.login = ['has already been taken'];
    if (email && this.byEmail(email)) errors.email = ['has already been taken'];
    if (f.password == null || f.password === '') errors.password = ['cannot be blank'];
    if (Object.keys(errors).length) return { errors };
    const t = now();
    const id = f.id != null && !this.users.has(Number(f.id)) ? Number(f.id) : this.nextId;
    const u = { id, login, email, password: String(f.password), created_at: t, updated_at: t, last_request_at: null };
    for (const k of EDITABLE) if (k !== 'login' && k !== 'email' && f[k] != null) u[k] = String(f[k]);
    if (f.tag_list != null) u.user_tags = Array.isArray(f.tag_list) ? f.tag_list.join(',') : String(f.tag_list);
    if (f.is_guest) u.is_guest = true;
    this.users.set(id, u);
    this.nextId = Math.max(this.nextId, id + 1);
    this.save();
    this.onChange('set', u);
    return { user: u };
  }

  /** Updates editable fields; a new password needs old_password. Returns {user} or {errors}. */
  update(id, fields) {
    const u = this.byId(id);
    if (!u) return { errors: { base: ['Entity you are looking for was not found.'] }, status: 404 };
    const f = fields ?? {};
    const errors = {};
    if (f.login != null && f.login !== u.login && this.byLogin(f.login)) errors.login = ['has already been taken'];
    if (f.email != null && f.email !== u.email && this.byEmail(f.email)) errors.email = ['has already been taken'];
    if (f.password != null && f.old_password !== u.password) errors.old_password = ['is invalid'];
    if (Object.keys(errors).length) return { errors };
    for (const k of EDITABLE) if (f[k] !== undefined) u[k] = f[k] === null ? null : String(f[k]);
    if (f.tag_list != null) u.user_tags = Array.isArray(f.tag_list) ? f.tag_list.join(',') : String(f.tag_list);
    const passwordChanged = f.password != null;
    if (passwordChanged) u.password = String(f.password);
    u.updated_at = now();
    this.save();
    if (passwordChanged) this.onChange('set', u);
    return { user: u };
  }

  /** Creates the user, or sets the password of the existing user with that login (seeding). */
  upsert({ login, password, full_name, id }) {
    const u = this.byLogin(login);
    if (!u) return this.create({ login, password, full_name, id });
    u.password = String(password);
    if (full_name != null) u.full_name = String(full_name);
    u.updated_at = now();
    this.save();
    this.onChange('set', u);
    return { user: u };
  }

  delete(id) {
    const u = this.byId(id);
    if (!u) return false;
    this.users.delete(u.id);
    this.save();
    this.onChange('delete', u);
    return true;
  }

  touch(u) { u.last_request_at = now(); }
}
