import '@layerviz/view/style/view.css';
import './index.css';
