import streamlit as st
import torch
from torchvision import models


@st.cache_resource
def get_model():
    m = models.densenet121(num_classes=14)
    m.load_state_dict(torch.load("chexnet.pt", map_location="cpu"))
    return m.eval()


net = get_model()
x = torch.randn(1, 3, 224, 224)
with torch.no_grad():
    st.write(net(x).sigmoid().tolist())
