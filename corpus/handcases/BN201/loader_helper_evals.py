import torch
import torchvision


def load_model(path):
    model = torchvision.models.resnet18(num_classes=10)
    model.load_state_dict(torch.load(path))
    model.eval()
    return model


model = load_model("best.pt")
with torch.no_grad():
    print(model(torch.randn(1, 3, 224, 224)).argmax())
