import torch
import torchvision

net = torchvision.models.resnet18(num_classes=10)
net.load_state_dict(torch.load("ckpt.pt"))
net.train(False)

with torch.inference_mode():
    logits = net(torch.randn(4, 3, 224, 224))
