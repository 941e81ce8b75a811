import streamlit as st
import torch
from torchvision import models, transforms


@st.cache_resource
def load_model():
    m = models.resnet18(num_classes=4)
    m.load_state_dict(torch.load("skin_resnet18.pt", map_location="cpu"))
    return m


model = load_model()
tfm = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor()])
upload = st.file_uploader("image")
if upload is not None:
    from PIL import Image

    x = tfm(Image.open(upload).convert("RGB")).unsqueeze(0)
    with torch.no_grad():
        probs = model(x).softmax(1)  # expect: BN201
    st.write(probs.tolist())
