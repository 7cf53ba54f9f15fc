import { createRouter, createWebHashHistory } from 'vue-router'

// Hash history: Tauri serves the app from files.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
    { path: '/ledger', name: 'ledger', component: () => import('./views/LedgerView.vue') },
    { path: '/patents/:id', name: 'patent', component: () => import('./views/PatentDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/import', name: 'import', component: () => import('./views/ImportView.vue') },
    { path: '/company', name: 'company', component: () => import('./views/CompanyView.vue') },
    { path: '/records/:kind', name: 'records', component: () => import('./views/RecordsView.vue'), props: true },
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
