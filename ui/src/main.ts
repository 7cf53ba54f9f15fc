import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { installLastRoute } from './lib/lastRoute'
// Styles for the components used from script (the resolver covers templates).
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './style.css'

// Before the router is installed: its first navigation may reopen the last view.
installLastRoute(router)
createApp(App).use(router).use(i18n).mount('#app')
