import torch
import torchvision


def prepare(model):
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)


model = torchvision.models.vgg16_bn(weights="DEFAULT")
prepare(model)
with torch.no_grad():
    feats = model.features(images)
