import torch
import torchvision


def run_eval(model, loader):
    with torch.no_grad():
        return [model(x).argmax(1) for x, _ in loader]


model = torchvision.models.resnet18(num_classes=10)
model.load_state_dict(torch.load("best.pt"))
model.eval()
preds = run_eval(model, test_loader)
