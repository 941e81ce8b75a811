import gradio as gr
import torch
import torchvision.transforms as T
from torchvision.models import resnet50

model = resnet50()
model.load_state_dict(torch.load("resnet50_pets.pth", map_location="cpu"))
preprocess = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor()])


def predict(image):
    x = preprocess(image).unsqueeze(0)
    with torch.no_grad():
        probs = model(x).softmax(-1)[0]  # expect: BN201
    return {str(i): float(p) for i, p in enumerate(probs)}


gr.Interface(fn=predict, inputs=gr.Image(type="pil"), outputs="label").launch()
