import tensorflow as tf

x = tf.compat.v1.placeholder(tf.float32, [None, 64])
training = tf.compat.v1.placeholder(tf.bool)
h = tf.compat.v1.layers.dense(x, 64, use_bias=False)
h = tf.compat.v1.layers.batch_normalization(h, momentum=0.1, training=training)  # expect: BN302
loss = tf.reduce_mean(tf.square(h))
update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    train_op = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss)
